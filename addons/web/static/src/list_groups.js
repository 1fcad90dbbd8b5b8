/* Groups of a grouped list loaded when opened, by htmx requests: a
 * first-level body asks for its rows itself when Bootstrap shows it
 * (hx-trigger); a sub-group's rows are inserted after its header on its
 * first opening — webclient.js shows and hides them afterwards — and a
 * large group's pages replace its rows from the pager at its end. */
(function () {
    "use strict";

    const under = (row, path) => row.dataset.parent === path || row.dataset.parent.startsWith(path + "-");

    /* The rows of ``path`` come after its header, shown while the header is open. */
    function loadAfter(header, address) {
        const path = header.dataset.path;
        header.dataset.loaded = "1";
        htmx.ajax("GET", address, {target: header, swap: "afterend"}).then(() => {
            const open = header.getAttribute("aria-expanded") === "true";
            header.closest("tbody").querySelectorAll("tr[data-parent]").forEach((row) => {
                if (row.dataset.parent === path) row.classList.toggle("d-none", !open);
            });
        }, () => { delete header.dataset.loaded; });
    }

    document.addEventListener("click", (event) => {
        const page = event.target.closest(".o_group_pager [data-load-url]");
        if (page) {
            event.stopPropagation();
            const pager = page.closest("tr");
            const path = pager.dataset.parent;
            const body = pager.closest("tbody");
            if (body.matches(".o_group_body") && body.dataset.path === path) {
                htmx.ajax("GET", page.dataset.loadUrl, {target: body, swap: "innerHTML"});
                return;
            }
            body.querySelectorAll("tr[data-parent]").forEach((row) => { if (under(row, path)) row.remove(); });
            loadAfter(body.querySelector(`tr.o_group_subheader[data-path="${path}"]`), page.dataset.loadUrl);
            return;
        }
        // webclient.js has already marked the header opened or closed
        const header = event.target.closest("tr.o_group_subheader[data-load-url]");
        if (header && !header.dataset.loaded && header.getAttribute("aria-expanded") === "true") {
            loadAfter(header, header.dataset.loadUrl);
        }
    });
})();
