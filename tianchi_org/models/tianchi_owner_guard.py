"""The owner guard: the rules about owners that record rules cannot
express, shared by every model whose records have an owner (``user_id``):
only the HQ head deletes; only department heads (for the people they head)
and the HQ head change an owner, by transfer (转交) or by writing it. It
also computes the owner's department, for the models that store it.

The owner mixin inherits it; a model that already has its own ``user_id``
(res.partner in tianchi_crm) inherits it alone and calls the checks from
its own ``write`` and ``unlink``."""
from __future__ import annotations

from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import AccessError

from ..const import HEAD_GROUP, HQ_GROUP


class TianchiOwnerGuard(models.AbstractModel):
    _name = 'tianchi.owner.guard'
    _description = 'Tianchi Owner Guard'

    @api.depends('user_id', 'company_id')
    def _compute_owner_department_id(self):
        """The stored ``owner_department_id`` of the models that declare it:
        the department of the owner's employee in the record's company, else
        of the owner's first employee."""
        # searched rather than user.employee_ids, which hr limits to the
        # companies of the current request
        employees = self.env['hr.employee'].sudo().search([('user_id', 'in', self.user_id.ids)])
        by_user = employees.grouped(lambda employee: employee.user_id.id)
        # imports compute thousands of records sharing a few (owner, company)
        # pairs: each pair is looked up once and its records assigned together
        pairs = defaultdict(list)
        for record in self:
            pairs[record.user_id.id, record.company_id.id].append(record.id)
        for (user_id, company_id), record_ids in pairs.items():
            mine = by_user.get(user_id, employees.browse())
            same_company = mine.filtered(lambda e, company_id=company_id: e.company_id.id == company_id)
            self.browse(record_ids).owner_department_id = (same_company[:1] or mine[:1]).department_id

    def _tianchi_guarded(self):
        """The records of ``self`` the guard applies to."""
        return self

    def _tianchi_guard_noun(self) -> str:
        """What the records are called in the guard's messages (plural)."""
        return _("%s records", self._description)

    def _tianchi_check_owner_write(self, vals) -> models.BaseModel:
        """Refuse a ``write(vals)`` that changes owners the user may not
        change; return the guarded records whose owner it changes."""
        if 'user_id' not in vals:
            return self.browse()
        changed = self._tianchi_guarded().filtered(lambda r: r.user_id.id != vals['user_id'])
        # only a real superuser call skips the check: the context comes from
        # the client, so no context key may switch the guard off
        if changed and not self.env.su:
            changed._tianchi_check_can_transfer()
        return changed

    def _tianchi_check_can_unlink(self) -> None:
        guarded = self._tianchi_guarded()
        if guarded and not self.env.su and not self.env.user.has_group(HQ_GROUP):
            raise AccessError(_(
                "Only the headquarters head may delete %(kind)s; %(user)s may not delete %(records)s.",
                kind=self._tianchi_guard_noun(), user=self.env.user.name,
                records=', '.join(guarded[:5].mapped('display_name'))))

    def _tianchi_check_can_transfer(self) -> None:
        """Refuse unless the user heads the owners of these records (or is
        the HQ head) and may write them under the record rules."""
        user = self.env.user
        if self.env.su or user.has_group(HQ_GROUP):
            self.check_access('write')
            return
        if not user.has_group(HEAD_GROUP):
            raise AccessError(_(
                "Only department heads and the headquarters head may transfer %(kind)s; %(user)s may not.",
                kind=self._tianchi_guard_noun(), user=user.name))
        self.check_access('write')
        managed = user.tianchi_managed_user_ids
        # a record without owner is nobody's whom the head heads
        foreign = self.filtered(lambda r: r.user_id not in managed)
        if foreign:
            raise AccessError(_(
                "%(user)s does not head the owner of %(records)s and may not transfer it.",
                user=user.name, records=', '.join(foreign.mapped('display_name'))))

    def _tianchi_transfer_values(self, new_user) -> dict:
        """The values a transfer to ``new_user`` writes."""
        return {'user_id': new_user.id}

    def _tianchi_transfer(self, new_user, reason: str = '') -> None:
        """Give these records to ``new_user`` and log who did it, from whom,
        to whom in each record's chatter."""
        self._tianchi_check_can_transfer()
        values = self._tianchi_transfer_values(new_user)
        for record in self:
            body = _("%(actor)s transferred %(record)s from %(old)s to %(new)s.",
                     actor=self.env.user.name, record=record.display_name,
                     old=record.user_id.name or _('no owner'), new=new_user.name)
            if reason:
                body = _("%(transfer)s Reason: %(reason)s", transfer=body, reason=reason)
            # a logged note, not a post: staff who sign in by mobile number
            # often have no e-mail address, which message_post requires; and
            # it notifies nobody
            record._message_log(body=body)
            # as superuser, the rights being checked above: the actor may
            # lose sight of the record once it is written (a head giving it
            # outside their branch)
            record.sudo().write(values)
