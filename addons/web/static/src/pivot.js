/* Pivot headers: the table's state (data-state, the page's pivot= parameter)
 * edited on a click and the page loaded again with it — a header opened
 * closes the levels under it, a closed one opens its next level, one of the
 * last level offers the group-by menu; a measure's header sorts the rows. */
(function () {
    "use strict";
    let pending = null;       // the header whose group-by menu is open

    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const under = (key, parent) => key.length >= parent.length && same(key.slice(0, parent.length), parent);

    function go(pivot, state) {
        const target = new URL(window.location.href);
        target.searchParams.set("pivot", JSON.stringify(state));
        window.location.assign(target.toString());
    }

    function hideMenu(pivot) {
        const menu = pivot.querySelector(".o_pivot_groupby_menu");
        if (menu) menu.classList.remove("show");
        pending = null;
    }

    function showMenu(pivot, header) {
        const menu = pivot.querySelector(".o_pivot_groupby_menu");
        const box = pivot.getBoundingClientRect();
        const cell = header.getBoundingClientRect();
        menu.style.position = "absolute";
        menu.style.top = (cell.bottom - box.top) + "px";
        menu.style.left = Math.max(0, Math.min(cell.left - box.left, box.width - 220)) + "px";
        menu.querySelector(".o_pivot_custom_groupby").value = "";
        menu.classList.add("show");
        pending = header;
    }

    function addGroupBy(pivot, groupBy) {
        if (!pending || !groupBy) return;
        const state = JSON.parse(pivot.dataset.state);
        const axis = pending.dataset.axis;
        const key = JSON.parse(pending.dataset.key);
        const groupBys = state[axis === "row" ? "rows" : "cols"];
        // a header of the last level gets a new level; a deeper one is not offered the menu
        groupBys.splice(key.length, groupBys.length - key.length, groupBy);
        const opened = axis === "row" ? "row_open" : "col_open";
        state[opened] = state[opened].filter((other) => other.length <= key.length);
        state[opened].push(key);
        go(pivot, state);
    }

    document.addEventListener("click", (event) => {
        const pivot = event.target.closest(".o_pivot");
        document.querySelectorAll(".o_pivot").forEach((other) => {
            if (other !== pivot || !event.target.closest(".o_pivot_groupby_menu, .o_pivot_header")) hideMenu(other);
        });
        if (!pivot) return;
        const choice = event.target.closest(".o_pivot_groupby_menu [data-groupby]");
        if (choice) {
            event.preventDefault();
            addGroupBy(pivot, choice.dataset.groupby);
            return;
        }
        const sort = event.target.closest("th[data-sort]");
        if (sort) {
            const state = JSON.parse(pivot.dataset.state);
            state.sort = JSON.parse(sort.dataset.sort);
            go(pivot, state);
            return;
        }
        const header = event.target.closest(".o_pivot_header");
        if (!header) return;
        const state = JSON.parse(pivot.dataset.state);
        const opened = header.dataset.axis === "row" ? "row_open" : "col_open";
        const key = JSON.parse(header.dataset.key);
        if (header.dataset.action === "collapse") {
            state[opened] = state[opened].filter((other) => !under(other, key));
            // as Odoo: the group-bys no opened header uses any more are dropped (a header of the
            // last level left offers the menu again)
            const groupBys = header.dataset.axis === "row" ? "rows" : "cols";
            state[groupBys] = state[groupBys].slice(0, Math.max(0, ...state[opened].map((other) => other.length + 1)));
            go(pivot, state);
        } else if (header.dataset.action === "expand") {
            state[opened].push(key);
            go(pivot, state);
        } else {
            showMenu(pivot, header);
        }
    });

    document.addEventListener("change", (event) => {
        if (!event.target.classList.contains("o_pivot_custom_groupby")) return;
        addGroupBy(event.target.closest(".o_pivot"), event.target.value);
    });
    document.addEventListener("keydown", (event) => {
        if (event.key === "Escape") document.querySelectorAll(".o_pivot").forEach(hideMenu);
        // a header reached with the keyboard opens, closes or offers its menu as a click would
        if ((event.key === "Enter" || event.key === " ") && event.target.matches && event.target.matches(".o_pivot .o_pivot_header")) {
            event.preventDefault();
            event.target.click();
        }
    });
})();
