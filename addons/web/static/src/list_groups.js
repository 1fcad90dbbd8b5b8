/* Groups of a grouped list loaded when opened: a first-level group's body
 * when Bootstrap shows it, a sub-group's rows (inserted after its header)
 * on its first opening — webclient.js shows and hides them afterwards —
 * and a large group's pages from the pager at its end. */
(function () {
    "use strict";

    async function fetchRows(address) {
        const reply = await fetch(address, {credentials: "same-origin"});
        const text = await reply.text();
        if (!reply.ok) {
            document.dispatchEvent(new CustomEvent("tianchi:error", {detail: text}));
            return null;
        }
        const holder = document.createElement("template");
        holder.innerHTML = "<table><tbody>" + text + "</tbody></table>";
        return [...holder.content.querySelector("tbody").children];
    }

    function show(rows) {
        rows.forEach((row) => {
            row.classList.remove("d-none");
            htmx.process(row);
        });
    }

    async function fill(body, address) {
        body.dataset.loaded = "1";
        body.setAttribute("aria-busy", "true");
        const rows = await fetchRows(address);
        body.removeAttribute("aria-busy");
        if (rows === null) {
            delete body.dataset.loaded;
            return;
        }
        body.replaceChildren(...rows);
        show(rows);
    }

    async function insertAfter(header, address) {
        header.dataset.loaded = "1";
        const rows = await fetchRows(address);
        if (rows === null) {
            delete header.dataset.loaded;
            return;
        }
        header.after(...rows);
        // closed again while its rows were on their way: they stay hidden
        if (header.getAttribute("aria-expanded") !== "true") rows.forEach((row) => row.classList.add("d-none"));
        else show(rows);
    }

    document.addEventListener("show.bs.collapse", (event) => {
        const body = event.target;
        if (body.matches && body.matches("tbody.o_group_body[data-load-url]") && !body.dataset.loaded) {
            fill(body, body.dataset.loadUrl);
        }
    });

    document.addEventListener("click", (event) => {
        const page = event.target.closest(".o_group_pager [data-load-url]");
        if (page) {
            event.stopPropagation();
            const pager = page.closest("tr");
            const path = pager.dataset.parent;
            const body = pager.closest("tbody");
            if (body.matches(".o_group_body") && body.dataset.path === path) {
                fill(body, page.dataset.loadUrl);
                return;
            }
            body.querySelectorAll("tr[data-parent]").forEach((row) => {
                if (row.dataset.parent === path || row.dataset.parent.startsWith(path + "-")) row.remove();
            });
            insertAfter(body.querySelector(`tr.o_group_subheader[data-path="${path}"]`), page.dataset.loadUrl);
            return;
        }
        // webclient.js has already marked the header opened or closed
        const header = event.target.closest("tr.o_group_subheader[data-load-url]");
        if (header && !header.dataset.loaded && header.getAttribute("aria-expanded") === "true") {
            insertAfter(header, header.dataset.loadUrl);
        }
    });
})();
