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
    function showError(text, tone) {
        const box = document.getElementById("o_toast");
        const message = new DOMParser().parseFromString(text, "text/html").body.textContent.trim();
        box.innerHTML = "";
        const toast = document.createElement("div");
        toast.className = "toast show o_notification " + (tone || "text-bg-danger");
        toast.setAttribute("role", "alert");
        toast.innerHTML = '<div class="toast-body"></div>';
        toast.querySelector(".toast-body").textContent = message.slice(0, 500);
        box.appendChild(toast);
        setTimeout(() => toast.remove(), 8000);
    }
    document.addEventListener("htmx:responseError", (event) => {
        showError(event.detail.xhr.responseText || event.detail.xhr.statusText);
    });
    document.addEventListener("tianchi:error", (event) => showError(event.detail));
    document.addEventListener("tianchi:warning", (event) => {
        showError((event.detail.title ? event.detail.title + ": " : "") + event.detail.message, "text-bg-warning o_notification_warning");
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
            const hidden = box.querySelector('input[type="hidden"]');
            hidden.value = choice.dataset.id;
            box.querySelector(".o_many2one_input").value = choice.dataset.label;
            box.querySelector(".o_many2one_results").innerHTML = "";
            hidden.dispatchEvent(new Event("change", {bubbles: true}));
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
            const hidden = event.target.closest(".o_many2one").querySelector('input[type="hidden"]');
            if (hidden.value) {
                hidden.value = "";
                hidden.dispatchEvent(new Event("change", {bubbles: true}));
            }
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

    function initCalendar(root) {
        root.querySelectorAll(".o_calendar_events[data-date]").forEach((day) => {
            if (day.dataset.sortable) return;
            day.dataset.sortable = "1";
            new Sortable(day, {
                group: "calendar", animation: 150, draggable: ".o_calendar_event", forceFallback: true,
                delayOnTouchOnly: true, delay: 150,
                onAdd: (evt) => {
                    const calendar = day.closest(".o_calendar_view");
                    const body = new FormData();
                    body.append("csrf_token", csrf());
                    body.append("id", evt.item.dataset.id);
                    body.append("date", day.dataset.date);
                    body.append("model", calendar.dataset.model);
                    body.append("view_id", calendar.dataset.viewId || "");
                    fetch(calendar.dataset.moveUrl, {method: "POST", body: body, credentials: "same-origin"}).then(async (reply) => {
                        if (!reply.ok) {
                            showError(await reply.text());
                            evt.from.insertBefore(evt.item, evt.from.children[evt.oldIndex] || null);
                        } else {
                            window.location.reload();      // an event over several days shows on each of them
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
        initCalendar(root);
        initCharts(root);
    }
    document.addEventListener("DOMContentLoaded", () => init(document));
    document.addEventListener("htmx:load", (event) => init(event.detail.elt));
})();

/* "Add a line" of a one2many: a copy of the line template with a fresh index. */
window.tianchiAddLine = function (link) {
    const box = link.closest(".o_field_x2many");
    const template = box.querySelector("template.o_line_template");
    // one counter for the page: keys stay unique when the form is drawn again by an onchange
    window.tianchiLineCounter = (window.tianchiLineCounter || 0) + 1;
    const index = "n" + window.tianchiLineCounter;
    const html = template.innerHTML.replaceAll("__INDEX__", index);
    const body = box.querySelector("tbody");
    body.insertAdjacentHTML("beforeend", html);
    window.tianchiFormEdits = (window.tianchiFormEdits || 0) + 1;
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

/* Live forms: a changed field (or, for the fields that modifiers read, a
 * pause while typing) posts the form to /web/client/form/onchange, and its
 * content is drawn again from the answer: values set by onchange methods,
 * invisible/readonly/required re-evaluated. What the user is typing, the
 * chosen files and the open notebook tab are kept. */
(function () {
    "use strict";
    let timer = null;
    let sequence = 0;

    function schedule(form, name, delay) {
        clearTimeout(timer);
        timer = setTimeout(() => refresh(form, name), delay);
    }

    function fieldName(input) {
        if (!input || !input.name || input.name === "csrf_token" || input.name.startsWith("q_")) return null;
        return input.name;
    }

    async function refresh(form, name) {
        const mine = ++sequence;
        const edits = window.tianchiFormEdits;
        const body = new FormData(form);
        body.delete("button_call");
        body.append("changed", name);
        form.classList.add("o_form_busy");
        let reply;
        try {
            reply = await fetch("/web/client/form/onchange", {method: "POST", body: body, credentials: "same-origin"});
        } finally {
            if (mine === sequence) form.classList.remove("o_form_busy");
        }
        if (mine !== sequence) return;          // a later change is on its way
        const text = await reply.text();
        if (mine !== sequence) return;
        if (edits !== window.tianchiFormEdits) {
            schedule(form, name, 300);          // the form changed meanwhile: ask again with what it holds now
            return;
        }
        if (!reply.ok) {
            document.dispatchEvent(new CustomEvent("tianchi:error", {detail: text}));
            return;
        }
        const answer = JSON.parse(text);
        swap(form, answer.html);
        if (answer.warning && answer.warning.message) {
            document.dispatchEvent(new CustomEvent("tianchi:warning", {detail: answer.warning}));
        }
    }

    /* The new content is merged into the page node by node rather than
     * replacing it, so the element being used (a many2one search waiting
     * for its suggestions, a chosen file, the open tab) stays alive. */
    function syncAttributes(old, fresh) {
        const keepClass = old.matches("[data-bs-toggle], .tab-pane");
        for (const {name} of [...old.attributes]) {
            if (!fresh.hasAttribute(name) && !(keepClass && name === "class") && !name.startsWith("data-sortable")) old.removeAttribute(name);
        }
        for (const {name, value} of [...fresh.attributes]) {
            if (keepClass && name === "class") continue;
            const before = old.getAttribute(name);
            if (before === value) continue;
            old.setAttribute(name, value);
            // the server changed a value: show it (what the user types is an unchanged attribute)
            if (name === "value" && old.tagName === "INPUT" && old !== document.activeElement) old.value = value;
        }
        if (old.tagName === "INPUT" && (old.type === "checkbox" || old.type === "radio")) {
            const wanted = fresh.hasAttribute("checked");
            if (wanted !== old.defaultChecked) old.checked = wanted;
            old.defaultChecked = wanted;
        }
    }

    function morph(old, fresh) {
        if (old.nodeType !== fresh.nodeType || old.nodeName !== fresh.nodeName || (old.id || "") !== (fresh.id || "")
            || (old.nodeType === 1 && old.getAttribute("name") !== fresh.getAttribute("name"))) {
            old.replaceWith(fresh);
            return;
        }
        if (old.nodeType !== 1) {
            if (old.nodeValue !== fresh.nodeValue) old.nodeValue = fresh.nodeValue;
            return;
        }
        syncAttributes(old, fresh);
        if (old.tagName === "TEXTAREA") {
            if (old.defaultValue !== fresh.defaultValue && old !== document.activeElement) old.value = fresh.defaultValue;
            old.defaultValue = fresh.defaultValue;
            return;
        }
        if (old.tagName === "TEMPLATE") {
            old.innerHTML = fresh.innerHTML;
            return;
        }
        const oldKids = [...old.childNodes];
        const newKids = [...fresh.childNodes];
        newKids.forEach((kid, index) => {
            if (index < oldKids.length) morph(oldKids[index], kid);
            else old.appendChild(kid);
        });
        oldKids.slice(newKids.length).forEach((kid) => kid.remove());
        if (old.tagName === "SELECT") {
            const chosen = [...fresh.options].findIndex((option) => option.defaultSelected);
            if (chosen >= 0 && old.selectedIndex !== chosen && old !== document.activeElement) old.selectedIndex = chosen;
        }
    }

    function swap(form, html) {
        const content = form.querySelector(".o_content");
        const fresh = document.createElement("div");
        fresh.innerHTML = html;
        const holder = content.cloneNode(false);
        holder.append(...fresh.childNodes);
        morph(content, holder);
        htmx.process(content);
        form.dispatchEvent(new CustomEvent("tianchi:form-drawn", {bubbles: true}));
    }

    /* Rows of a list edited in place: a changed cell posts the row to its
     * onchange route and the row is drawn again from the answer (values set
     * by onchange methods, computed cells, modifiers of this row), merged as
     * the live form is. */
    let rowTimer = null;
    let rowSequence = 0;
    let rowScheduled = false;
    let rowInFlight = 0;

    function scheduleRow(row, name, delay) {
        clearTimeout(rowTimer);
        rowScheduled = true;
        rowTimer = setTimeout(async () => {
            rowScheduled = false;
            rowInFlight += 1;
            try {
                await refreshRow(row, name);
            } finally {
                rowInFlight -= 1;
            }
        }, delay);
    }

    /* A multi_edit list: a selected row opened for editing stays selected,
     * and its save, with other rows selected, writes them all (asked first). */
    function multiIds(button) {
        const row = button.closest("tr.o_selected_row");
        const table = row && row.closest("table[data-multi-edit]");
        if (!table) return [];
        const ticked = [...document.querySelectorAll('input[name="ids"][form="o_list_batch"]:checked')].map((box) => box.value);
        return ticked.length > 1 && ticked.includes(row.dataset.id) ? ticked : [];
    }
    document.addEventListener("htmx:configRequest", (event) => {
        const elt = event.detail.elt;
        if (event.detail.verb === "get" && elt.matches && elt.matches("tr.o_data_row[hx-get]")) {
            const box = elt.querySelector('input[name="ids"]');
            if (box && box.checked) event.detail.parameters.selected = "1";
        }
        if (elt.classList && elt.classList.contains("o_list_save")) {
            const ids = multiIds(elt);
            if (ids.length) event.detail.parameters.multi_ids = ids.join(",");
        }
    });

    /* Saving a row waits for its onchange, as Odoo's list does: what the
     * onchange sets (another cell) is saved with what was typed. */
    document.addEventListener("htmx:confirm", (event) => {
        const multi = event.detail.elt.classList.contains("o_list_save") ? multiIds(event.detail.elt) : [];
        if (multi.length) {
            const question = event.detail.elt.closest("table[data-multi-edit]").dataset.multiEdit;
            if (!window.confirm(question.replace("%s", multi.length))) {
                event.preventDefault();
                return;
            }
        }
        if (!event.detail.elt.classList.contains("o_list_save") || !(rowScheduled || rowInFlight)) return;
        event.preventDefault();
        const wait = () => ((rowScheduled || rowInFlight) ? setTimeout(wait, 50) : event.detail.issueRequest(true));
        wait();
    });

    function rowValues(row) {
        const body = new FormData();
        row.querySelectorAll("input[name], select[name], textarea[name]").forEach((input) => {
            if ((input.type === "checkbox" || input.type === "radio") && !input.checked) return;
            if (input.type === "file" || input.name.startsWith("q_")) return;
            body.append(input.name, input.value);
        });
        return body;
    }

    async function refreshRow(row, name) {
        const mine = ++rowSequence;
        const edits = window.tianchiFormEdits;
        const body = rowValues(row);
        body.append("csrf_token", document.querySelector('meta[name="csrf-token"]').content);
        body.append("changed", name);
        row.classList.add("o_row_busy");
        let reply;
        try {
            reply = await fetch(row.dataset.onchange, {method: "POST", body: body, credentials: "same-origin"});
        } finally {
            if (mine === rowSequence) row.classList.remove("o_row_busy");
        }
        if (mine !== rowSequence) return;
        const text = await reply.text();
        if (mine !== rowSequence || !row.isConnected) return;     // saved or discarded meanwhile
        if (edits !== window.tianchiFormEdits) {
            scheduleRow(row, name, 300);
            return;
        }
        if (!reply.ok) {
            document.dispatchEvent(new CustomEvent("tianchi:error", {detail: text}));
            return;
        }
        const answer = JSON.parse(text);
        const holder = document.createElement("tbody");
        holder.innerHTML = answer.html;
        const fresh = holder.querySelector("tr");
        if (fresh) {
            morph(row, fresh);
            htmx.process(row);
        }
        if (answer.warning && answer.warning.message) {
            document.dispatchEvent(new CustomEvent("tianchi:warning", {detail: answer.warning}));
        }
    }

    /* As Odoo's list: Enter saves the row being edited (after its onchange),
     * Escape discards it; not while an input method composes Chinese text. */
    document.addEventListener("keydown", (event) => {
        if ((event.key !== "Enter" && event.key !== "Escape") || event.isComposing) return;
        const row = event.target.closest && event.target.closest("tr.o_selected_row[data-onchange]");
        if (!row || event.target.tagName === "TEXTAREA" || event.target.classList.contains("o_many2one_input")) return;
        event.preventDefault();
        if (event.key === "Escape") {
            row.querySelector(".o_list_discard").click();
            return;
        }
        if (fieldName(event.target)) event.target.dispatchEvent(new Event("change", {bubbles: true}));
        row.querySelector(".o_list_save").click();
    });

    document.addEventListener("change", (event) => {
        const row = event.target.closest && event.target.closest("tr.o_selected_row[data-onchange]");
        const name = fieldName(event.target);
        if (!row || !name || event.target.type === "file") return;
        scheduleRow(row, name, 50);
    });
    document.addEventListener("input", (event) => {
        const row = event.target.closest && event.target.closest("tr.o_selected_row[data-onchange]");
        const name = fieldName(event.target);
        if (!row || !name || !event.target.closest("[data-live]")) return;
        scheduleRow(row, name, 500);
    });

    window.tianchiFormEdits = 0;
    document.addEventListener("input", () => { window.tianchiFormEdits += 1; }, true);
    document.addEventListener("change", (event) => {
        window.tianchiFormEdits += 1;
        const form = event.target.closest && event.target.closest("form.o_form_view");
        const name = fieldName(event.target);
        if (!form || !name || event.target.type === "file") return;
        schedule(form, name, 50);
    });
    document.addEventListener("input", (event) => {
        const form = event.target.closest && event.target.closest("form.o_form_view");
        const name = fieldName(event.target);
        if (!form || !name || !event.target.closest("[data-live]")) return;
        schedule(form, name, 500);
    });
})();

/* Sub-groups of a list grouped on several levels: a header opens its own
 * rows (sub-groups or records); closing it closes everything under it. */
document.addEventListener("click", (event) => {
    "use strict";
    const header = event.target.closest("tr.o_group_subheader");
    if (!header) return;
    const body = header.closest("tbody");
    const path = header.dataset.path;
    const open = header.getAttribute("aria-expanded") !== "true";
    header.setAttribute("aria-expanded", String(open));
    body.querySelectorAll("tr[data-parent]").forEach((row) => {
        const parent = row.dataset.parent;
        if (open && parent === path) {
            row.classList.remove("d-none");
        } else if (!open && (parent === path || parent.startsWith(path + "-"))) {
            row.classList.add("d-none");
            if (row.classList.contains("o_group_subheader")) row.setAttribute("aria-expanded", "false");
        }
    });
});

/* Many2many tags: a suggestion (or "Create ...", which makes the record
 * with name_create first) becomes a badge carrying its id; × drops one.
 * Either way a change event runs the form's (or row's) onchange. */
(function () {
    "use strict";
    const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

    function addTag(box, id, label, color) {
        const key = box.id.replace(/^o_field_/, "");
        const input = box.querySelector(".o_many2many_tags_input");
        const results = box.querySelector(".o_many2many_tags_results");
        input.value = "";
        results.innerHTML = "";
        if (box.querySelector('.o_tag[data-id="' + id + '"]')) return;
        const badge = document.createElement("span");
        badge.className = "badge rounded-pill o_tag o_tag_color_" + (color || 0) + " d-inline-flex align-items-center gap-1";
        badge.dataset.id = id;
        const hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = key;
        hidden.value = id;
        const remove = document.createElement("a");
        remove.href = "#";
        remove.className = "o_delete text-reset text-decoration-none";
        remove.setAttribute("role", "button");
        remove.textContent = "×";
        badge.append(hidden, document.createTextNode(label), remove);
        box.insertBefore(badge, input);
        hidden.dispatchEvent(new Event("change", {bubbles: true}));
    }

    document.addEventListener("click", async (event) => {
        const choice = event.target.closest(".o_many2many_tags_choice, .o_many2many_tags_create, .o_many2many_tags .o_delete");
        if (!choice) return;
        event.preventDefault();
        const box = choice.closest(".o_many2many_tags");
        if (choice.classList.contains("o_delete")) {
            choice.closest(".o_tag").remove();
            box.querySelector('input[type="hidden"]').dispatchEvent(new Event("change", {bubbles: true}));
            return;
        }
        if (choice.classList.contains("o_many2many_tags_choice")) {
            addTag(box, choice.dataset.id, choice.dataset.label, choice.dataset.color);
            return;
        }
        const body = new FormData();
        body.append("csrf_token", csrf());
        body.append("model", box.dataset.model);
        body.append("name", choice.dataset.label);
        // created in the field's context, as Odoo's quick create
        const vals = JSON.parse(box.querySelector(".o_many2many_tags_input").getAttribute("hx-vals") || "{}");
        if (vals.context) body.append("context", vals.context);
        const reply = await fetch("/web/client/name_create", {method: "POST", body: body, credentials: "same-origin"});
        const answer = await reply.json();
        if (!reply.ok) {
            document.dispatchEvent(new CustomEvent("tianchi:error", {detail: answer.error || reply.statusText}));
            return;
        }
        addTag(box, String(answer.id), answer.display_name, 0);
    });

    /* Keys of the tags input, as Odoo's: Enter takes the first suggestion
     * (and neither saves the form nor the list row), Escape closes them,
     * Backspace in an empty input drops the last tag. Caught before the
     * list's own Enter/Escape handling. */
    document.addEventListener("keydown", (event) => {
        const input = event.target;
        if (!input.classList || !input.classList.contains("o_many2many_tags_input") || event.isComposing) return;
        const box = input.closest(".o_many2many_tags");
        if (event.key === "Enter") {
            event.preventDefault();
            event.stopPropagation();
            const first = box.querySelector(".o_many2many_tags_choice, .o_many2many_tags_create");
            if (first) first.click();
        } else if (event.key === "Escape") {
            event.stopPropagation();
            box.querySelector(".o_many2many_tags_results").innerHTML = "";
        } else if (event.key === "Backspace" && !input.value) {
            const tags = box.querySelectorAll(".o_tag .o_delete");
            if (tags.length) tags[tags.length - 1].click();
        }
    }, true);
    document.addEventListener("click", (event) => {
        document.querySelectorAll(".o_many2many_tags_results:not(:empty)").forEach((results) => {
            if (!results.parentElement.contains(event.target)) results.innerHTML = "";
        });
    });
})();

/* The image widget: a chosen file is shown at once (it is saved with the
 * form); the clear button empties the field, which the save then writes. */
(function () {
    "use strict";
    function show(widget, source) {
        const image = widget.querySelector(".o_image");
        image.src = source || "";
        image.classList.toggle("d-none", !source);
        widget.querySelector(".o_image_placeholder").classList.toggle("d-none", Boolean(source));
    }
    document.addEventListener("change", (event) => {
        const widget = event.target.closest && event.target.closest(".o_field_image");
        if (!widget || event.target.type !== "file" || !event.target.files.length) return;
        widget.querySelector(".o_clear_flag").checked = false;
        const reader = new FileReader();
        reader.onload = () => show(widget, reader.result);
        reader.readAsDataURL(event.target.files[0]);
    });
    // a redraw by the live onchange shows the saved image again: show what is chosen instead
    document.addEventListener("tianchi:form-drawn", (event) => {
        event.target.querySelectorAll(".o_field_image").forEach((widget) => {
            const input = widget.querySelector('input[type="file"]');
            if (widget.querySelector(".o_clear_flag").checked) show(widget, "");
            else if (input.files.length) {
                const reader = new FileReader();
                reader.onload = () => show(widget, reader.result);
                reader.readAsDataURL(input.files[0]);
            }
        });
    });
    document.addEventListener("click", (event) => {
        const button = event.target.closest(".o_field_image .o_clear_file_button");
        if (!button) return;
        const widget = button.closest(".o_field_image");
        widget.querySelector('input[type="file"]').value = "";
        widget.querySelector(".o_clear_flag").checked = true;
        show(widget, "");
    });
})();
