{
    'name': 'Base',
    'version': '18.0.1.3',
    'category': 'Hidden',
    'summary': 'The kernel of every database: partners, companies, users, access rights',
    'description': "Partners, companies, users and groups, countries and currencies, "
                   "and the technical models (ir.*) every other module builds on.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': [],
    'data': [
        # languages first: partners and users name theirs
        'data/res_lang_data.xml',
        # business reference data: categories, currencies, countries, the
        # main company, its partner and the initial users
        'data/ir_module_category_data.xml',
        'data/res_currency_data.xml',
        'data/res_country_data.xml',
        'data/res_partner_data.xml',
        'data/res_company_data.xml',
        'data/res_users_data.xml',
        # access groups and record rules
        'security/base_groups.xml',
        'security/base_security.xml',
        'views/base_menus.xml',
        # technical data and views (ir.*)
        'security/ir_security.xml',
        'data/ir_config_parameter_data.xml',
        'data/report_paperformat_data.xml',
        'data/ir_cron_data.xml',
        'views/ir_actions_views.xml',
        'views/ir_model_views.xml',
        'views/ir_ui_view_views.xml',
        'views/ir_ui_menu_views.xml',
        'views/ir_rule_views.xml',
        'views/ir_sequence_views.xml',
        'views/ir_config_parameter_views.xml',
        'views/ir_default_views.xml',
        'views/ir_attachment_views.xml',
        'views/ir_cron_views.xml',
        'views/ir_module_views.xml',
        'views/res_lang_views.xml',
        'views/decimal_precision_views.xml',
        'views/report_paperformat_views.xml',
        'views/ir_qweb_widget_templates.xml',
        'views/ir_actions_report_views.xml',

        # business views
        'views/res_partner_views.xml',
        'views/res_bank_views.xml',
        'views/res_country_views.xml',
        'views/res_currency_views.xml',
        'views/res_company_views.xml',
        'views/res_users_views.xml',
        'views/res_config_settings_views.xml',
        # access rights last: every model exists by now
        'security/ir.model.access.csv',
        'security/ir_filters_security.xml',
    ],
    'demo': [
        'data/res_partner_demo.xml',
        'data/res_users_demo.xml',
        'data/res_bank_demo.xml',
    ],
    'installable': True,
    'auto_install': True,
}
