"""Customer import benchmark of issue 6: prints rows per second and peak memory.

Usage: python3 bench/import.py [odoo-bin database options, e.g. --db_host=127.0.0.1
       --db_port=5433 --db_user=odoo] [-d NAME] [--rows 100000]

It writes a .xlsx of N customers with realistic Chinese values (about 2% of
rows with errors, 3% repeating an earlier customer), (re)creates database NAME
(default ``tianchi_bench_import``) with ``tianchi_crm`` installed and no demo
data, then imports the sheet in a child process through
``tianchi.customer.import`` (the model method the import page uses) as the
administrator and prints the outcome, rows per second and the peak resident
memory of that process. Last, in a second company, it starts the same import
and, from another connection, cancels it once half of the rows are processed,
then checks that the second company has no customer left behind.
"""
from __future__ import annotations

import os
import sys

# bench/ holds http.py, which would shadow the standard library's http package
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH_DIR)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != BENCH_DIR]
sys.path.insert(0, os.path.join(ROOT, 'runtime'))
sys.path.insert(0, ROOT)

import argparse  # noqa: E402
import base64  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

TARGETS = {'rows_per_second': 3000.0, 'peak_mb': 500.0}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌婷雪琳浩宇晨欣怡子轩梓涵"
WORDS = ["天成", "星辰", "恒通", "华信", "金桥", "万达", "鼎盛", "东方", "嘉禾", "启明", "海纳", "中科",
         "安泰", "云帆", "盛世", "鸿运", "瑞丰", "博远", "远航", "宏图", "新锐", "同创", "汇丰", "锦程"]
TRADES = ["科技", "软件", "贸易", "建材", "电子", "机电", "食品", "物流", "医疗器械", "文化传媒", "环保",
          "新材料", "教育咨询", "餐饮管理", "服装", "农业发展"]
PLACES = [("广东省", "广州市", "天河区", "440106"), ("广东省", "深圳市", "南山区", "440305"),
          ("上海市", "上海市", "浦东新区", "310115"), ("北京市", "北京市", "海淀区", "110108"),
          ("浙江省", "杭州市", "西湖区", "330106"), ("江苏省", "南京市", "鼓楼区", "320106"),
          ("湖北省", "武汉市", "洪山区", "420111"), ("四川省", "成都市", "武侯区", "510107"),
          ("山东省", "青岛市", "市南区", "370202"), ("福建省", "厦门市", "思明区", "350203")]
HEADERS = ["客户名称", "统一社会信用代码", "省份", "城市", "区县", "详细地址", "联系人", "职位", "手机",
           "邮箱", "来源", "标签", "下次联系日期", "备注"]


def _load_credit_code():
    """tianchi_crm's check-character functions, read from their file: importing the
    ``tianchi_crm`` package would load its models, which need the addons loaded."""
    import importlib.util

    path = os.path.join(ROOT, 'tianchi_crm', 'tools', 'credit_code.py')
    spec = importlib.util.spec_from_file_location('tianchi_bench_credit_code', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_sheet(path: str, rows: int, seed: int = 6) -> dict:
    """Write the benchmark sheet; return how many rows are meant to fail or repeat."""
    from openpyxl import Workbook

    credit_code = _load_credit_code()
    credit_code_check_char = credit_code.credit_code_check_char
    organization_code_check_char = credit_code.organization_code_check_char

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户名单")
    sheet.append(HEADERS)
    written = []
    planned = {'errors': 0, 'repeats': 0}
    for index in range(rows):
        draw = rng.random()
        if written and draw < 0.03:
            # the same company again, as another salesperson typed it
            repeat = list(rng.choice(written))
            repeat[0] = f" {repeat[0]} "
            sheet.append(repeat)
            planned['repeats'] += 1
            continue
        province, city, district, division = rng.choice(PLACES)
        body = f"{index:08d}"
        organisation = body + organization_code_check_char(body)
        first17 = "91" + division + organisation
        code = first17 + credit_code_check_char(first17)
        name = f"{city[:-1]}{rng.choice(WORDS)}{rng.choice(TRADES)}有限公司{index}号"
        mobile = f"1{rng.choice('3456789')}{rng.randrange(10 ** 9):09d}"
        row = [name, code, province, city, district, f"{district}{rng.choice(WORDS)}路{rng.randrange(1, 999)}号",
               rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
               rng.choice(["总经理", "采购经理", "财务", "技术总监"]), mobile, f"c{index}@example.cn",
               rng.choice(["电话营销", "展会", "转介绍", "官网"]), rng.choice(["重点", "老客户", "VIP"]),
               f"2027-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", None]
        if 0.03 <= draw < 0.05:
            planned['errors'] += 1
            spoil = rng.randrange(4)
            if spoil == 0:
                row[8] = mobile[:9]
            elif spoil == 1:
                row[1] = code[:17] + ("0" if code[17] != "0" else "1")
            elif spoil == 2:
                row[9] = "not-an-email"
            else:
                row[0] = None
        elif draw < 0.08:
            row[8] = f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}"
        sheet.append(row)
        if row[0] and 0.05 <= draw:
            written.append(row)
    book.save(path)
    return planned


def prepare_database(db_name: str) -> None:
    from odoo.modules.registry import Registry
    from odoo.service import db as db_service
    from odoo.tools import config

    if db_service.exp_db_exist(db_name):
        db_service.exp_drop(db_name)
    db_service._create_empty_database(db_name)
    config['init'] = {'tianchi_crm': 1}
    config['without_demo'] = 'all'
    Registry.new(db_name, update_module=True)
    config['init'] = {}


def run_import(db_name: str, path: str, cancel_half: bool) -> dict:
    """Import the sheet as the administrator; with ``cancel_half``, into a new company and
    cancelled from another connection when half of the rows are done."""
    from odoo import api
    from odoo.modules.registry import Registry

    registry = Registry(db_name)
    with open(path, 'rb') as handle:
        content = handle.read()
    with registry.cursor() as cr:
        env = api.Environment(cr, 2, {'tracking_disable': True})
        company = env.company
        if cancel_half:
            company = env['res.company'].create({'name': '取消导入测试公司'})
            env.user.company_ids |= company
        session = env['tianchi.customer.import'].with_company(company).create({
            'file': base64.b64encode(content), 'filename': os.path.basename(path),
            'company_id': company.id})
        session.action_parse()
        session_id, company_id = session.id, company.id
    watcher = None
    if cancel_half:
        watcher = threading.Thread(target=_cancel_at_half, args=(registry, session_id), daemon=True)
        watcher.start()
    start, cpu_start = time.perf_counter(), time.process_time()
    with registry.cursor() as cr:
        env = api.Environment(cr, 2, {'tracking_disable': True})
        session = env['tianchi.customer.import'].browse(session_id).with_company(company_id)
        result = session._tianchi_import()
        state, message = session.state, session.message
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if watcher:
        watcher.join(timeout=5)
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM res_partner WHERE company_id = %s AND tianchi_is_customer",
                   (company_id,))
        partners = cr.fetchone()[0]
    return {
        'state': state, 'message': message, 'summary': result['summary'], 'seconds': elapsed,
        'cpu_seconds': cpu,
        'partners_in_company': partners,
        'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _cancel_at_half(registry, session_id: int) -> None:
    """Poll the progress the import publishes; request the cancel at 50% (bounded: 10 minutes)."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        with registry.cursor() as cr:
            cr.execute("SELECT id, progress FROM tianchi_customer_import_progress WHERE import_id = %s",
                       (session_id,))
            progress_id, progress = cr.fetchone()
            if (progress or 0) >= 50:
                cr.execute("UPDATE tianchi_customer_import_progress SET cancel_requested = TRUE WHERE id = %s",
                           (progress_id,))
                print(f"  cancel requested at {progress:.0f}% (seen from another connection)", flush=True)
                return
        time.sleep(0.2)


def child(args, db_options: list[str]) -> None:
    from odoo.tools import config

    config.parse_config(db_options + ['--log-level=warn'])
    if args.child == 'prepare':
        prepare_database(args.database)
        return
    outcome = run_import(args.database, args.sheet, cancel_half=args.child == 'cancel')
    print("RESULT " + json.dumps(outcome, ensure_ascii=False, default=str), flush=True)


def spawn(kind: str, args, db_options: list[str]) -> dict | None:
    command = [sys.executable, os.path.abspath(__file__), *db_options, '-d', args.database,
               '--child', kind, '--sheet', args.sheet]
    process = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    for line in process.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
        print(line)
    if process.returncode:
        sys.exit(f"{kind} failed:\n{process.stderr[-3000:]}")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument('-d', '--database', default='tianchi_bench_import')
    parser.add_argument('--rows', type=int, default=100_000)
    parser.add_argument('--child', choices=['prepare', 'import', 'cancel'], help=argparse.SUPPRESS)
    parser.add_argument('--sheet', help=argparse.SUPPRESS)
    args, db_options = parser.parse_known_args()
    if args.child:
        child(args, db_options)
        return
    with tempfile.TemporaryDirectory(prefix='tianchi_bench_import_') as folder:
        args.sheet = os.path.join(folder, f'customers_{args.rows}.xlsx')
        start = time.perf_counter()
        planned = make_sheet(args.sheet, args.rows)
        print(f"sheet: {args.rows} rows ({planned['errors']} spoilt, {planned['repeats']} repeated), "
              f"{os.path.getsize(args.sheet) / 1048576:.1f} MB, written in {time.perf_counter() - start:.1f} s",
              flush=True)
        start = time.perf_counter()
        spawn('prepare', args, db_options)
        print(f"database {args.database} with tianchi_crm: {time.perf_counter() - start:.1f} s", flush=True)

        outcome = spawn('import', args, db_options)
        summary = outcome['summary']
        rate = summary['data_rows'] / outcome['seconds']
        print(f"import: {summary['data_rows']} rows in {outcome['seconds']:.1f} s: {summary['created']} created, "
              f"{summary['errors']} errors, {summary['duplicates']} duplicates ({outcome['state']})")
        print(f"  rows per second: {rate:,.0f}  (target >= {TARGETS['rows_per_second']:,.0f}: "
              f"{'ok' if rate >= TARGETS['rows_per_second'] else 'MISSED'})")
        print(f"  CPU of the importing process: {outcome['cpu_seconds']:.1f} s; the rest of the time it "
              f"waited for PostgreSQL")
        print(f"  peak memory of the importing process: {outcome['peak_mb']:.0f} MB  (target < "
              f"{TARGETS['peak_mb']:.0f}: {'ok' if outcome['peak_mb'] < TARGETS['peak_mb'] else 'MISSED'})",
              flush=True)

        outcome = spawn('cancel', args, db_options)
        left = outcome['partners_in_company']
        print(f"cancel half-way: {outcome['state']} after {outcome['seconds']:.1f} s; customers left in "
              f"the company: {left} ({'ok' if outcome['state'] == 'cancelled' and left == 0 else 'FAILED'})")
        print(f"  {outcome['message']}")


if __name__ == '__main__':
    main()
