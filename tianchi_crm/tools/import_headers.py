"""Finding the header row of a customer sheet and mapping its columns to import targets.

Targets are short keys ('name', 'mobile', 'province'…) that the importer
knows how to store; custom fields of the customer ("x_…") are targets too,
matched by their label. Header names are compared folded: full-width to
ASCII, lower case, without a remark in brackets ("手机(必填)"), blanks,
punctuation or a "*" required mark.
"""

import re
import unicodedata

# Chinese and English names under which each target turns up in real sheets.
SYNONYMS = {
    "name": ["客户名称", "客户名", "客户", "公司名称", "公司名", "公司", "单位名称", "企业名称", "名称",
             "customer", "customername", "company", "companyname", "name"],
    "credit_code": ["统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码", "税号", "纳税人识别号",
                    "creditcode", "unifiedsocialcreditcode", "uscc", "taxid", "vat"],
    "province": ["省份", "所在省份", "省", "所在省", "省市", "province", "state"],
    "city": ["城市", "所在城市", "市", "地市", "city"],
    "district": ["区县", "所在区县", "区", "县", "区域", "district", "county"],
    "street": ["地址", "详细地址", "公司地址", "联系地址", "街道地址", "address", "street"],
    "contact_name": ["联系人", "联系人姓名", "姓名", "contact", "contactname", "contactperson"],
    "function": ["职位", "职务", "岗位", "title", "jobtitle", "position", "function"],
    "mobile": ["手机", "手机号", "手机号码", "移动电话", "联系电话", "联系方式", "mobile", "mobilephone",
               "cellphone", "phone", "tel"],
    "phone": ["座机", "固定电话", "电话", "办公电话", "landline", "officephone"],
    "email": ["邮箱", "电子邮箱", "邮件", "电子邮件", "email", "e-mail", "mail"],
    "website": ["网站", "网址", "公司网站", "website", "web"],
    "source": ["来源", "客户来源", "线索来源", "source", "leadsource"],
    "industry": ["行业", "所属行业", "industry"],
    "level": ["等级", "客户等级", "级别", "客户级别", "level", "grade", "rating"],
    "tags": ["标签", "客户标签", "tags", "tag", "labels"],
    "owner": ["负责人", "客户负责人", "销售", "业务员", "跟进人", "所属销售", "owner", "salesperson"],
    "next_contact_date": ["下次联系日期", "下次联系", "下次跟进日期", "下次跟进", "nextcontact",
                          "nextcontactdate", "followupdate"],
    "comment": ["备注", "说明", "备注信息", "note", "notes", "remark", "remarks", "comment"],
}

_REMARK = re.compile(r"[(\[【].*?[)\]】]")
_NOISE = re.compile(r"[\s*:()\[\]【】_\-./]")


def fold_header(value):
    """The comparable form of a header cell ("  手机号码* " -> "手机号码", "E-mail" -> "email")."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).lower()
    return _NOISE.sub("", _REMARK.sub("", text))


class HeaderMatcher:
    """Maps header cells to targets: built-in synonyms plus extra ``{label: target}`` pairs."""

    def __init__(self, extra_labels=None):
        self._exact = {}
        for target, names in SYNONYMS.items():
            for name in names:
                self._exact.setdefault(fold_header(name), target)
        for label, target in (extra_labels or {}).items():
            # a custom field named like a built-in column takes the column
            self._exact[fold_header(label)] = target

    def target(self, header):
        """The target of one header cell, or None."""
        return self._exact.get(fold_header(header))

    def map_headers(self, headers):
        """Targets of a header row, one per column; a target goes to its first column only."""
        taken = set()
        mapping = []
        for header in headers:
            target = self.target(header)
            if target in taken:
                target = None
            if target:
                taken.add(target)
            mapping.append(target)
        return mapping

    def score(self, headers):
        return sum(1 for target in self.map_headers(headers) if target)


def find_header(rows, matcher, max_scan=30):
    """Pick the header row among the first non-blank ``rows`` (``(number, values)`` pairs).

    Returns ``(index_in_rows, mapping)`` of the row mapping the most columns,
    needing at least two and the customer name; None when there is no such row.
    """
    best = None
    for index, (_number, values) in enumerate(rows[:max_scan]):
        mapping = matcher.map_headers(values)
        count = sum(1 for target in mapping if target)
        if count >= 2 and "name" in mapping and (best is None or count > best[2]):
            best = (index, mapping, count)
    return best and best[:2]
