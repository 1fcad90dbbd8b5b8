"""Pure helpers of tianchi_crm (no ORM): identifier checks and value normalisation."""

from . import contact_values, credit_code
