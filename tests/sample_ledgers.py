"""The samples' returned ledgers: what the units of the two sample rounds wrote into their 整改台账.

``python -m tests.sample_ledgers`` rewrites samples/第一轮整改台账/ and samples/第二轮整改台账/ (drafter
ledger, then these answers filled in with openpyxl, as a unit would) after a deliberate change to the
ledger's layout or to the sample rounds. Round 1 was fed back in June 2026 and is past its concentrated
period by the annual report's as_of (2026-12-15); round 2 was fed back in late November and is within it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from tests.ledger_fill import fill

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
D = dt.date


def done(on: dt.date, measures: str, evidence: str, **more):
    return {"status": "已完成", "done_on": on, "measures": measures, "evidence": evidence, **more}


def ongoing(deadline: dt.date | str, measures: str, **more):
    return {"status": "正在推进", "deadline": deadline, "type": "限期整改", "measures": measures, **more}


ROUND_1 = {
    "县发展和改革局": (
        D(2026, 8, 6),
        "办公室 王敏",
        {
            1: ongoing(
                D(2026, 12, 31),
                "建立重点项目前期工作专班，9个项目中已有6个完成前期论证，其余3个正在开展可行性研究",
                leader="李建国",
                owner="项目办/张强",
            ),
            2: done(
                D(2026, 7, 20),
                "梳理审批事项办理流程，建立超时预警和督办制度，7件超时事项均已办结并向企业说明情况",
                "审批事项督办制度、办结台账",
                leader="陈立",
                owner="审批股/刘洋",
                deadline=D(2026, 7, 31),
                type="限期整改",
                rules=1,
            ),
            3: done(
                D(2026, 7, 8),
                "修订党组议事规则，把党风廉政建设列入党组会议季度固定议题，开展重点领域廉洁风险排查",
                "党组议事规则、会议纪要",
                leader="李建国",
                owner="办公室/王敏",
                deadline=D(2026, 7, 10),
                type="限期整改",
                rules=1,
            ),
            4: done(
                D(2026, 6, 30),
                "对11笔接待逐笔补齐审批单和接待清单，重申公务接待“一单一函”规定",
                "补齐的接待清单",
                leader="陈立",
                owner="办公室/王敏",
                deadline=D(2026, 6, 30),
                type="立行立改",
            ),
            5: {
                "status": "长期坚持",
                "type": "长期坚持",
                "deadline": "长期",
                "leader": "李建国",
                "owner": "人事股/赵红",
                "measures": "制定年轻干部培养三年计划，建立优秀年轻干部库，首批入库12人",
                "evidence": "年轻干部培养计划",
                "rules": 1,
            },
            6: done(
                D(2026, 8, 5),
                "督促项目单位完成资金拨付，建立审计整改销号台账",
                "拨付凭证、销号台账",
                leader="陈立",
                owner="投资股/孙伟",
                deadline=D(2026, 8, 10),
                type="限期整改",
            ),
        },
    ),
    "县财政局": (
        D(2026, 8, 10),
        "办公室 周静",
        {
            1: done(
                D(2026, 7, 25),
                "收回2个部门追加的办公经费预算，出台一般性支出压减管理办法",
                "管理办法、预算调整文件",
                leader="吴刚",
                owner="预算股/郑丽",
                deadline=D(2026, 7, 31),
                type="限期整改",
                rules=1,
            ),
            2: done(
                D(2026, 7, 10),
                "对14户补贴资金逐户核实并补发到位，与银行建立发放进度月报制度",
                "补发凭证",
                leader="吴刚",
                owner="农业股/冯军",
                deadline=D(2026, 7, 10),
                type="立行立改",
            ),
            3: done(
                D(2026, 8, 8),
                "对3个项目开展专项核查，修订政府采购内控制度，对2名责任人进行诫勉谈话",
                "内控制度、处理决定",
                leader="吴刚",
                owner="采购办/何平",
                deadline=D(2026, 8, 10),
                type="限期整改",
                rules=2,
                persons=2,
            ),
            4: done(
                D(2026, 7, 15),
                "开展支部规范化建设专项整治，组织委员集中学习组织生活制度",
                "支部会议记录",
                leader="吴刚",
                owner="机关党支部/周静",
                deadline=D(2026, 7, 15),
                type="限期整改",
            ),
        },
    ),
    "城关镇": (
        D(2026, 8, 12),
        "党政办 许亮",
        {
            1: ongoing(
                D(2026, 12, 31),
                "引进经营主体盘活停产项目，其余2个项目已调整经营方式，收益比上年提高",
                leader="马超",
                owner="经发办/钱明",
            ),
            2: done(
                D(2026, 7, 5),
                "对5户收入超标家庭停发低保并追回资金，开展低保对象全面复核",
                "复核台账、追缴凭证",
                leader="马超",
                owner="民政办/韩梅",
                deadline=D(2026, 7, 5),
                type="立行立改",
                funds=3.6,
            ),
            3: done(
                D(2026, 7, 30),
                "清理白条入账，完善村级财务“双代管”制度，对1名村会计进行批评教育",
                "财务管理制度",
                leader="马超",
                owner="财政所/邓华",
                deadline=D(2026, 7, 31),
                type="限期整改",
                rules=1,
                persons=1,
            ),
            4: done(
                D(2026, 7, 20),
                "补开党委会议集体研究，修订“三重一大”事项清单，对1名分管领导进行提醒谈话",
                "事项清单、会议纪要",
                leader="马超",
                owner="党政办/许亮",
                deadline=D(2026, 7, 20),
                type="限期整改",
                rules=1,
                persons=1,
            ),
        },
    ),
    "城关镇东街村": (
        D(2026, 8, 12),
        "村党支部 罗兰",
        {
            1: done(
                D(2026, 7, 10),
                "将2户脱贫户纳入产业奖补并发放到位，建立困难群众动态监测台账",
                "奖补发放记录",
                leader="罗兰",
                owner="村委会/宋涛",
                deadline=D(2026, 7, 10),
                type="立行立改",
            ),
            2: done(
                D(2026, 8, 10),
                "对工程进行审计，追回多付工程款，此后村级工程一律进入镇公共资源交易平台",
                "审计报告、退款凭证",
                leader="罗兰",
                owner="村委会/宋涛",
                deadline=D(2026, 8, 15),
                type="限期整改",
                funds=4.8,
                persons=1,
            ),
            3: done(
                D(2026, 7, 28),
                "补齐培养考察材料，镇党委对近3年发展党员档案全面复查",
                "复查记录",
                leader="罗兰",
                owner="村党支部/罗兰",
                deadline=D(2026, 7, 31),
                type="限期整改",
            ),
            4: done(
                D(2026, 6, 30),
                "公开2025年第四季度财务收支，建立村务公开月度提醒",
                "公开栏照片",
                leader="罗兰",
                owner="村委会/宋涛",
                deadline=D(2026, 6, 30),
                type="立行立改",
            ),
        },
    ),
}

ROUND_2 = {
    "县交通运输局": (
        D(2026, 12, 10),
        "办公室 田野",
        {
            1: ongoing(D(2027, 6, 30), "倒排工期，3条公路已完成路基施工", leader="杨帆", owner="公路股/曹亮"),
            2: ongoing(
                D(2027, 1, 20),
                "对2个项目补办审批手续，开展在建项目全面排查",
                leader="杨帆",
                owner="建管股/彭飞",
            ),
            3: ongoing(
                D(2027, 1, 20),
                "补开党组会议研究变更事项，修订工程变更管理办法",
                leader="杨帆",
                owner="建管股/彭飞",
            ),
            4: {
                "status": "长期坚持",
                "type": "长期坚持",
                "deadline": "长期",
                "leader": "杨帆",
                "owner": "路政大队/蒋涛",
                "measures": "建立超限超载联合治理常态化机制，每月开展联合执法",
            },
        },
    ),
    "河口镇": (
        D(2026, 12, 10),
        "党政办 袁媛",
        {
            1: done(
                D(2026, 12, 5),
                "拆除违法建筑、复耕2处耕地，建立耕地保护网格巡查制度",
                "复耕验收记录",
                leader="于洋",
                owner="自然资源所/潘东",
                deadline=D(2026, 12, 5),
                type="立行立改",
                rules=1,
            ),
            2: done(
                D(2026, 12, 8),
                "3户补助资金已足额拨付到户",
                "拨付凭证",
                leader="于洋",
                owner="村建办/董伟",
                deadline=D(2026, 12, 10),
                type="立行立改",
            ),
            3: ongoing(
                D(2027, 1, 23), "开展村级后备力量专项储备，已物色人选7名", leader="于洋", owner="组织办/袁媛"
            ),
        },
    ),
    "县卫生健康局": (
        D(2026, 12, 10),
        "办公室 苏晴",
        {
            1: ongoing(
                D(2027, 6, 30),
                "制定医共体药品耗材统一采购配送实施方案，推进检查检验结果互认",
                leader="林涛",
                owner="医政股/谢芳",
            ),
            2: ongoing(
                D(2027, 1, 25),
                "对11家次违规问题逐一核查处理，追回违规使用的医保基金",
                leader="林涛",
                owner="医保办/唐勇",
                funds=12.6,
            ),
            3: done(
                D(2026, 12, 3),
                "2批次耗材全部转入平台采购，印发耗材采购管理规定",
                "采购管理规定",
                leader="林涛",
                owner="药械股/叶敏",
                deadline=D(2026, 12, 5),
                type="立行立改",
                rules=1,
            ),
            4: done(
                D(2026, 12, 9),
                "2家卫生院修订党组织会议和院长办公会议议事规则",
                "议事规则",
                leader="林涛",
                owner="党建办/苏晴",
                deadline=D(2026, 12, 10),
                type="限期整改",
                rules=2,
            ),
        },
    ),
    "县人民医院": (
        D(2026, 12, 10),
        "党委办 高洁",
        {
            1: ongoing(
                D(2027, 1, 25),
                "逐笔核查5批次会议费报销手续，修订学术会议经费管理办法",
                leader="郭峰",
                owner="财务科/程丽",
            ),
            2: ongoing(
                D(2027, 1, 25), "修订党委会议议事规则和“三重一大”事项清单", leader="郭峰", owner="党委办/高洁"
            ),
            3: done(
                D(2026, 12, 6),
                "超标准收费已全部清退到患者账户",
                "清退明细",
                leader="郭峰",
                owner="医保科/汪洋",
                deadline=D(2026, 12, 10),
                type="立行立改",
            ),
        },
    ),
}


def make(round_file: str, folder: str, answers) -> None:
    target = SAMPLES / folder
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "drafter", "ledger", str(SAMPLES / round_file), "-o", str(target)], check=True
    )
    for path in sorted(target.glob("*.xlsx")):
        unit = path.stem.split("-", 1)[1]
        filled_on, filler, rows = answers[unit]
        fill(path, rows, filled_on, filler)


if __name__ == "__main__":
    make("round-2026-1.yaml", "第一轮整改台账", ROUND_1)
    make("round-2026-2.yaml", "第二轮整改台账", ROUND_2)
