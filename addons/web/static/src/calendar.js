/* Calendar interactions: a click on an empty slot (hour grid), day (month)
 * or all-day cell opens the quick create — or the form when the arch says
 * quick_create="0" — with the start prefilled; a timed event dragged on
 * the hour grid (with a finger: after a long press) moves to the slot it
 * is dropped on, or from its bottom edge gets another end (15-minute
 * steps); on a
 * phone a calendar opening on the week shows the day. */
(function () {
    "use strict";
    const SNAP = 15;
    const DAY = 24 * 60;
    const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
    const pad = (n) => String(n).padStart(2, "0");
    const clock = (minutes) => pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
    let dragged = false;          // the click ending a drag is not a click on a slot

    /* A wall-clock time of the user's zone (date, minutes, its offset from UTC) as the server's UTC text. */
    function toUtc(date, minutes, offset) {
        const [y, m, d] = date.split("-").map(Number);
        const t = new Date(Date.UTC(y, m - 1, d, 0, minutes - offset));
        return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00`;
    }

    /* The values of a new event on a slot, as Odoo's calendar builds them (one hour, or the whole
     * day; 07:00-19:00 for an all-day click when the events have no all-day field). */
    function slotValues(fields, slot) {
        const values = {};
        if (slot.minutes === null) {
            if (fields.start_type === "date" || fields.all_day) {
                values[fields.start] = slot.date;
                if (fields.stop) values[fields.stop] = slot.date;
                if (fields.all_day) values[fields.all_day] = true;
            } else {
                values[fields.start] = toUtc(slot.date, 7 * 60, slot.offset);
                if (fields.stop) values[fields.stop] = toUtc(slot.date, 19 * 60, slot.offset);
                if (fields.delay) values[fields.delay] = 12;
            }
        } else {
            values[fields.start] = fields.start_type === "date" ? slot.date : toUtc(slot.date, slot.minutes, slot.offset);
            if (fields.stop) values[fields.stop] = toUtc(slot.date, slot.minutes + 60, slot.offset);
            if (fields.delay) values[fields.delay] = 1;
        }
        return values;
    }

    function formUrl(calendar, values, name) {
        const target = new URL(calendar.dataset.createUrl, window.location.origin);
        for (const [field, value] of Object.entries(values)) {
            if (value === false) continue;
            target.searchParams.set("default_" + field, value === true ? "1" : value);
        }
        if (name) target.searchParams.set("default_" + JSON.parse(calendar.dataset.fields).name, name);
        return target.toString();
    }

    function openCreate(calendar, slot) {
        if (!calendar.dataset.createUrl) return;
        const values = slotValues(JSON.parse(calendar.dataset.fields), slot);
        if (!calendar.dataset.quickCreate) {
            window.location.assign(formUrl(calendar, values, ""));
            return;
        }
        const box = calendar.querySelector(".o_calendar_quick_create");
        const form = box.querySelector("form");
        const input = box.querySelector(".o_calendar_quick_create_name");
        box.querySelector(".o_calendar_quick_create_when").textContent =
            slot.date + (slot.minutes === null ? "" : " " + clock(slot.minutes) + " - " + clock(Math.min(slot.minutes + 60, DAY)));
        input.value = "";
        input.classList.remove("is-invalid");
        form.onsubmit = async (event) => {
            event.preventDefault();
            if (!input.value.trim()) {
                input.classList.add("is-invalid");
                return;
            }
            const body = new FormData();
            body.append("csrf_token", csrf());
            body.append("model", calendar.dataset.model);
            body.append("view_id", calendar.dataset.viewId || "");
            body.append("name", input.value.trim());
            body.append("values", JSON.stringify(values));
            const reply = await fetch(calendar.dataset.quickCreateUrl, {method: "POST", body: body, credentials: "same-origin"});
            if (reply.ok) {
                window.location.reload();
            } else {
                // as Odoo: a record the quick create cannot make (a required field, a check) opens in the full form
                window.location.assign(formUrl(calendar, values, input.value.trim()));
            }
        };
        box.querySelector(".o_calendar_quick_create_edit").onclick = () => {
            window.location.assign(formUrl(calendar, values, input.value.trim()));
        };
        const modal = bootstrap.Modal.getOrCreateInstance(box);
        box.addEventListener("shown.bs.modal", () => input.focus(), {once: true});
        modal.show();
    }

    document.addEventListener("click", (event) => {
        const calendar = event.target.closest(".o_calendar_view");
        if (!calendar || dragged || event.target.closest("a, button, .o_calendar_event, .modal")) return;
        const column = event.target.closest(".o_timegrid_col");
        if (column) {
            const box = column.getBoundingClientRect();
            const minutes = Math.floor((event.clientY - box.top) / box.height * DAY / 30) * 30;
            openCreate(calendar, {date: column.dataset.date, minutes: Math.max(0, Math.min(minutes, DAY - 60)),
                                  offset: Number(column.dataset.offset)});
            return;
        }
        const day = event.target.closest(".o_timegrid_allday_cell, .o_calendar_day");
        if (day) {
            const grid = calendar.querySelector(`.o_timegrid_col[data-date="${day.dataset.date}"]`);
            openCreate(calendar, {date: day.dataset.date, minutes: null, offset: Number(grid ? grid.dataset.offset : calendar.dataset.offset || 0)});
        }
    });

    /* Dragging a timed event: it follows the pointer in 15-minute steps, across day columns; with a
     * mouse at once, with a finger after a long press (a short touch still scrolls the grid). */
    let drag = null;
    let press = null;           // a finger resting on an event, not yet a drag

    function grab(item, x, y, target) {
        return {item, x, y, moved: false, begin: Number(item.dataset.begin), minutes: Number(item.dataset.minutes),
                column: item.parentElement, style: item.getAttribute("style"), resize: Boolean(target.closest(".o_timegrid_resize"))};
    }

    function follow(x, y) {
        drag.moved = true;
        drag.item.classList.add("o_dragging");
        const time = drag.item.querySelector(".o_timegrid_event_time");
        if (drag.resize) {
            // the bottom edge: a new end on the same day, a quarter of an hour at least
            const box = drag.column.getBoundingClientRect();
            const minutes = Math.max(SNAP, Math.min(drag.minutes + Math.round((y - drag.y) / box.height * DAY / SNAP) * SNAP,
                                                    DAY - drag.begin));
            drag.item.style.height = (minutes / DAY * 100) + "%";
            if (time) time.textContent = clock(drag.begin) + " - " + clock(drag.begin + minutes);
            drag.target = {column: drag.column, begin: drag.begin, minutes};
            return;
        }
        const under = document.elementFromPoint(x, y);
        const column = (under && under.closest(".o_timegrid_col")) || drag.column;
        const box = column.getBoundingClientRect();
        const moved = Math.round((y - drag.y) / box.height * DAY / SNAP) * SNAP;
        const begin = Math.max(0, Math.min(drag.begin + moved, DAY - SNAP));
        if (drag.item.parentElement !== column) column.appendChild(drag.item);
        drag.item.style.top = (begin / DAY * 100) + "%";
        drag.item.style.left = "0";
        drag.item.style.width = "100%";
        if (time) time.textContent = clock(begin) + " - " + clock(Math.min(begin + drag.minutes, DAY));
        drag.target = {column, begin};
    }

    async function drop() {
        const done = drag;
        drag = null;
        if (!done || !done.moved) return;
        dragged = true;
        setTimeout(() => { dragged = false; }, 0);
        done.item.addEventListener("click", (event) => event.preventDefault(), {once: true});
        if (!done.target) {
            done.item.setAttribute("style", done.style);
            done.item.classList.remove("o_dragging");
            return;
        }
        const calendar = done.item.closest(".o_calendar_view");
        const {column, begin} = done.target;
        const body = new FormData();
        body.append("csrf_token", csrf());
        body.append("id", done.item.dataset.id);
        body.append("model", calendar.dataset.model);
        body.append("view_id", calendar.dataset.viewId || "");
        body.append("date", column.dataset.date);
        if (done.resize) {
            body.append("end", toUtc(column.dataset.date, begin + done.target.minutes, Number(column.dataset.offset)));
        } else {
            body.append("start", toUtc(column.dataset.date, begin, Number(column.dataset.offset)));
        }
        const reply = await fetch(calendar.dataset.moveUrl, {method: "POST", body: body, credentials: "same-origin"});
        if (!reply.ok) {
            document.dispatchEvent(new CustomEvent("tianchi:error", {detail: await reply.text()}));
            done.column.appendChild(done.item);
            done.item.setAttribute("style", done.style);
            done.item.classList.remove("o_dragging");
            return;
        }
        window.location.reload();
    }

    document.addEventListener("pointerdown", (event) => {
        const item = event.target.closest(".o_timegrid_event");
        if (!item || event.button !== 0 || event.pointerType === "touch") return;
        drag = grab(item, event.clientX, event.clientY, event.target);
    });
    document.addEventListener("pointermove", (event) => {
        if (!drag || drag.touch) return;
        if (!drag.moved && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 6) return;
        event.preventDefault();
        follow(event.clientX, event.clientY);
    });
    document.addEventListener("pointerup", () => {
        if (drag && !drag.touch) drop();
    });

    document.addEventListener("touchstart", (event) => {
        const item = event.target.closest(".o_timegrid_event");
        if (!item || event.touches.length !== 1) return;
        const touch = event.touches[0];
        press = {x: touch.clientX, y: touch.clientY, timer: setTimeout(() => {
            drag = Object.assign(grab(item, press.x, press.y, event.target), {touch: true});
            drag.item.classList.add("o_dragging");
            press = null;
        }, 400)};
    }, {passive: true});
    document.addEventListener("touchmove", (event) => {
        const touch = event.touches[0];
        if (drag && drag.touch) {
            event.preventDefault();         // the grid does not scroll under a dragged event
            follow(touch.clientX, touch.clientY);
        } else if (press && Math.hypot(touch.clientX - press.x, touch.clientY - press.y) > 8) {
            clearTimeout(press.timer);      // a swipe: the grid scrolls
            press = null;
        }
    }, {passive: false});
    document.addEventListener("touchend", (event) => {
        if (press) {
            clearTimeout(press.timer);
            press = null;
        }
        if (drag && drag.touch) {
            event.preventDefault();         // no click (the event's form) after a drag
            drag.moved = true;
            drop();
        }
    });
    document.addEventListener("contextmenu", (event) => {
        if (drag && drag.touch) event.preventDefault();
    });

    document.addEventListener("DOMContentLoaded", () => {
        const calendar = document.querySelector(".o_calendar_view");
        if (!calendar) return;
        // as Odoo on small screens: the week of a calendar opening on it is shown one day at a time
        if (calendar.dataset.defaultMode === "week" && window.innerWidth < 576) {
            const target = new URL(window.location.href);
            target.searchParams.set("mode", "day");
            window.location.replace(target.toString());
            return;
        }
        const scroll = calendar.querySelector(".o_timegrid_scroll");
        if (scroll) {
            const first = Math.min(...[...calendar.querySelectorAll(".o_timegrid_event")].map((item) => Number(item.dataset.begin)), 8 * 60);
            scroll.scrollTop = Math.max(0, first - 60) / DAY * scroll.scrollHeight;
        }
    });
})();
