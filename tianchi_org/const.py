"""The XML ids of the tianchi_org roles that code checks or grants, and of
the category the roles are listed under."""

HQ_GROUP = 'tianchi_org.tianchi_org_group_hq_head'
HEAD_GROUP = 'tianchi_org.tianchi_org_group_department_head'
HR_GROUP = 'tianchi_org.tianchi_org_group_hr'
ROLE_CATEGORY = 'tianchi_org.module_category_tianchi_org'
