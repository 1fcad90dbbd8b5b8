/* Glue of the server-rendered web client: CSRF token on every htmx post,
 * row links, list selection, many2one suggestions, kanban drag-and-drop
 * and charts. The pages work from the HTML the server sends; this file only
 * wires behaviours that HTML alone cannot express. */
(function () {
    "use strict";
    const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

    document.addEventListener("htmx:configRequest", (event) => {
        if (event.detail.verb !== "get") {
            event.detail.parameters.csrf_token = csrf();
        }
    });
    function showError(text) {
        const box = document.getElementById("o_toast");
        const message = new DOMParser().parseFromString(text, "text/html").body.textContent.trim();
        box.innerHTML = "";
        const toast = document.createElement("div");
        toast.className = "toast show text-bg-danger o_notification";
        toast.setAttribute("role", "alert");
        toast.innerHTML = '<div class="toast-body"></div>';
        toast.querySelector(".toast-body").textContent = message.slice(0, 500);
        box.appendChild(toast);
        setTimeout(() => toast.remove(), 8000);
    }
    document.addEventListener("htmx:responseError", (event) => {
        showError(event.detail.xhr.responseText || event.detail.xhr.statusText);
    });

    function updateSelection(root) {
        const bar = document.getElementById("o_list_batch");
        if (!bar) return;
        const ticked = root.querySelectorAll('.o_list_table input[name="ids"]:checked').length;
        bar.classList.toggle("d-none", ticked === 0);
        bar.classList.toggle("d-flex", ticked > 0);
        const counter = bar.querySelector(".o_selected_count");
        if (counter) counter.textContent = ticked + " ✓";
    }

    document.addEventListener("click", (event) => {
        const link = event.target.closest("tr[data-href], .o_kanban_record[data-href]");
        // as Odoo's kanban: links, menus and buttons inside a card keep their own click
        if (link && !event.target.closest("a, input, button, label, .dropdown, .oe_kanban_action, [data-bs-toggle]")) {
            window.location = link.dataset.href;
        }
        const choice = event.target.closest(".o_many2one_choice");
        if (choice) {
            event.preventDefault();
            const box = choice.closest(".o_many2one");
            box.querySelector('input[type="hidden"]').value = choice.dataset.id;
            box.querySelector(".o_many2one_input").value = choice.dataset.label;
            box.querySelector(".o_many2one_results").innerHTML = "";
        }
    });
    document.addEventListener("change", (event) => {
        if (event.target.classList.contains("o_select_all")) {
            const table = event.target.closest("table");
            table.querySelectorAll('input[name="ids"]').forEach((box) => { box.checked = event.target.checked; });
        }
        if (event.target.name === "ids" || event.target.classList.contains("o_select_all")) {
            updateSelection(document);
        }
        if (event.target.classList.contains("o_many2one_input") && !event.target.value) {
            event.target.closest(".o_many2one").querySelector('input[type="hidden"]').value = "";
        }
    });

    function initKanban(root) {
        root.querySelectorAll(".o_kanban_records[data-group-value]").forEach((column) => {
            if (column.dataset.sortable) return;
            column.dataset.sortable = "1";
            new Sortable(column, {
                // the fallback drags with pointer events: same behaviour with a mouse and on phones
                group: "kanban", animation: 150, draggable: ".o_kanban_record", forceFallback: true,
                delayOnTouchOnly: true, delay: 150,
                onAdd: (evt) => {
                    const board = column.closest(".o_kanban_view");
                    const body = new FormData();
                    body.append("csrf_token", csrf());
                    body.append("id", evt.item.dataset.id);
                    body.append("value", column.dataset.groupValue);
                    body.append("field", board.dataset.groupBy);
                    body.append("model", board.dataset.model);
                    fetch(board.dataset.moveUrl, {method: "POST", body: body, credentials: "same-origin"}).then(async (reply) => {
                        if (!reply.ok) {
                            showError(await reply.text());
                            evt.from.insertBefore(evt.item, evt.from.children[evt.oldIndex] || null);
                        } else {
                            evt.item.classList.add("o_moved");
                        }
                    });
                },
            });
        });
    }

    function initCharts(root) {
        root.querySelectorAll("canvas.o_graph_canvas").forEach((canvas) => {
            if (canvas.dataset.drawn) return;
            canvas.dataset.drawn = "1";
            const spec = JSON.parse(canvas.dataset.chart);
            // a click on a bar, point or slice lists the records behind it
            const links = canvas.dataset.links ? JSON.parse(canvas.dataset.links) : [];
            const target = (elements) => elements.length && (links[elements[0].datasetIndex] || [])[elements[0].index];
            spec.options = Object.assign(spec.options || {}, {
                onClick: (event, elements) => {
                    const link = target(elements);
                    if (link) window.location.assign(link);
                },
                onHover: (event, elements) => {
                    canvas.style.cursor = target(elements) ? "pointer" : "default";
                },
            });
            new Chart(canvas, spec);
        });
    }

    function init(root) {
        initKanban(root);
        initCharts(root);
    }
    document.addEventListener("DOMContentLoaded", () => init(document));
    document.addEventListener("htmx:load", (event) => init(event.detail.elt));
})();

/* "Add a line" of a one2many: a copy of the line template with a fresh index. */
window.tianchiAddLine = function (link) {
    const box = link.closest(".o_field_x2many");
    const template = box.querySelector("template.o_line_template");
    const index = "n" + (box.dataset.added = String(Number(box.dataset.added || 0) + 1));
    const html = template.innerHTML.replaceAll("__INDEX__", index);
    const body = box.querySelector("tbody");
    body.insertAdjacentHTML("beforeend", html);
    htmx.process(body.lastElementChild);
    return false;
};

/* Old-style links (/web#action=12&id=5&view_type=form) lead to the same page as /odoo/action-12/5. */
(function () {
    "use strict";
    const hash = new URLSearchParams(window.location.hash.slice(1));
    const action = hash.get("action");
    if (!action) return;
    let target = "/odoo/action-" + encodeURIComponent(action);
    if (hash.get("id")) target += "/" + encodeURIComponent(hash.get("id"));
    else if (hash.get("view_type")) target += "?view_type=" + encodeURIComponent(hash.get("view_type"));
    window.location.replace(target);
})();

/* Leaving a form with changes not saved asks first, as Odoo's client does. */
(function () {
    "use strict";
    let dirty = false;
    document.addEventListener("input", (event) => {
        if (event.target.closest("form.o_form_view")) dirty = true;
    });
    document.addEventListener("submit", () => { dirty = false; }, true);
    document.addEventListener("htmx:beforeRequest", (event) => {
        if (event.detail.elt.closest && event.detail.elt.closest("form.o_form_view") && event.detail.requestConfig.verb !== "get") dirty = false;
    });
    document.addEventListener("htmx:responseError", (event) => {
        if (event.detail.elt.closest && event.detail.elt.closest("form.o_form_view")) dirty = true;
    });
    window.addEventListener("beforeunload", (event) => {
        if (dirty) {
            event.preventDefault();
            event.returnValue = "";
        }
    });
})();
