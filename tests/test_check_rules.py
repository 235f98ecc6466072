"""Every rule of drafter check fires on its case and stays quiet on a near miss."""

import datetime as dt
import re

import pytest

from drafter.check.document import CheckOptions, check_draft
from drafter.check.org import Org
from drafter.check.rulebook import all_rules, load_rules
from drafter.core.errors import FactsError

COUNTY = Org("县", "市")
DATED = dt.date(2026, 12, 25)
FEEDBACK = "关于巡察县财政局党组的反馈意见\n现将巡察情况反馈如下。"

# rule id, text that must fire it, near miss that must not (lines are paragraphs), needs the date
CASES = [
    ("parent-standing-committee", "市委常委会先后5次召开会议。", "按照市委常委会部署，开展巡察。", False),
    ("parent-inspection-group", "市委第三巡察组进驻县财政局。", "县委第三巡察组进驻县财政局。", False),
    ("parent-round", "十五届市委第三轮巡察已经结束。", "十五届县委第三轮巡察已经结束。", False),
    ("parent-this-term", "本届市委巡察实现全覆盖。", "本届县委巡察实现全覆盖。", False),
    ("parent-whole-area", "全市共开展巡察2轮。", "全县共开展巡察2轮。", False),
    ("sibling-committees", "同步指导各县委开展专项巡察。", "同步指导各乡镇党委开展专项巡察。", False),
    ("parent-discipline-commission", "会同市纪委监委会商研判。", "会同县纪委监委会商研判。", False),
    ("county-xunshi", "县委巡视组进驻财政局。", "省委巡视组进驻财政局。", False),
    ("xuncha-typo", "巡查组进驻财政局。", "开展河道巡查。", False),
    ("xuncha-typo", "本轮巡查期间受理信访举报。", "河道巡查期间发现问题。", False),
    ("xuncha-typo", "对5个党组织开展了巡查。", "为巡查员配备巡查终端。", False),
    ("three-focuses", "围绕三个聚焦查找问题。", "围绕四个落实查找问题。", False),
    ("three-big-problems", "重点查找三大问题。", "重点查找主要问题。", False),
    ("four-efforts", "坚持四个着力。", "坚持四个落实。", False),
    ("six-one", "落实六围绕一加强要求。", "落实有关要求。", False),
    ("shuanggui", "对其采取双规措施。", "统筹两规划衔接。", False),
    ("fourteenth-plan", "服务十四五规划。", "回顾十四五时期以来的成就。", True),
    ("fourteenth-plan", "紧扣“十四五”规划目标任务开展监督。", "“十四五”规划目标任务全面完成。", True),
    ("fourteenth-plan", "推动“十四五”发展目标落地。", "统筹“十四五”收官和“十五五”开局。", True),
    ("third-plenum-latest", "学习二十届三中全会精神。", "学习二十届历次全会精神。", True),
    ("nineteenth-congress", "贯彻党的十九大精神。", "贯彻党的二十大精神。", True),
    ("nineteenth-congress", "落实党的十九大关于巡视工作的部署。", "党的十九大以来，巡察工作不断规范。", True),
    ("nineteenth-congress", "学习贯彻十九届六中全会精神。", "学习贯彻二十届四中全会精神。", True),
    ("xi-general-secretary", "学习习总书记重要讲话。", "学习习近平总书记重要讲话。", False),
    ("xi-zong", "习总强调要抓好巡察。", "习近平总书记强调要抓好巡察。", False),
    (
        "thought-truncated",
        "以新时代中国特色社会主义思想为指导。",
        "以习近平新时代中国特色社会主义思想为指导。",
        False,
    ),
    ("unquoted-formula", "坚决做到两个维护。", "坚决做到“两个维护”。", False),
    ("raise-political-stand", "抬高政治站位。", "提高政治站位。", False),
    ("expand-knowing-scope", "扩大知悉范围。", "不得擅自扩大知悉范围。", False),
    ("control-secret-area", "控制秘密区域。", "严格控制知悉范围。", False),
    ("halfwidth-punctuation", "推进巡察工作,持续发力。", "按照GB/T 9704-2012,A4纸排版。", False),
    ("halfwidth-brackets", "巡察组(第一组)进驻。", "详见表(1)。", False),
    ("straight-quotes", '坚持"一把手"负责。', '系统提示"OK"。', False),
    ("fullwidth-digits", "发现问题１２个。", "发现问题12个。", False),
    ("doubled-punctuation", "发现问题，，推动整改。", "发现问题，推动整改。", False),
    ("doubled-particle", "发挥巡察的的作用。", "的的确确如此。", False),
    ("doubled-level", "区区委书记听取汇报。", "市区委书记听取汇报。", False),
    ("doubled-words", "要进一步进一步加强监督。", "要进一步加强监督。", False),
    ("doubled-words", "认真落实落实上级要求。", "认认真真、清清楚楚抓好整改。", False),
    ("doubled-words", "推动问题问题整改到位。", "对问题一个一个过堂。", False),
    ("doubled-particle", "发挥巡察的的作用。", "把成效体现在实实在在的成果上。", False),
    ("placeholder", "发现问题××个。", "一张3×4的表格。", False),
    ("traditional-characters", "加強黨的建設。", "加强党的建设。", False),
    (
        "foreign-language",
        "The inspection team arrived on Monday and met the leaders of the bureau.",
        "使用WPS Office编辑文稿，再用Word检查一遍。",
        False,
    ),
    (
        "completion-rate",
        "巡察反馈问题186个，已完成整改161个，整改完成率90%。",
        "巡察反馈问题186个，已完成整改161个，整改完成率86.56%。",
        False,
    ),
    (
        "completion-rate",
        "反馈问题18个，已完成整改15个，整改完成率90％。",
        "反馈问题18个，已完成整改15个，整改完成率83．33％。",
        False,
    ),
    (
        "rounds-heard",
        "全年开展2轮巡察。\n领导小组听取3轮巡察情况汇报。",
        "全年开展2轮巡察。\n领导小组听取两轮巡察情况汇报。",
        False,
    ),
    (
        "figure-restated",
        "全年发现问题186个。\n全年共发现问题180个。",
        "第一轮发现问题80个。\n全年共发现问题186个。",
        False,
    ),
    (
        "figure-restated",
        "2026年，全年发现问题186个，移交问题线索9件。\n全年共移交问题线索10件。",
        "2026年，全年发现问题186个。\n2025年巡察发现问题150个，2024年巡察发现问题160个。",
        False,
    ),
    (
        "figure-restated",
        "全年巡察党组织8个。\n截至12月，已巡察党组织161个，占应巡察党组织186个的86.56%。",
        "全年巡察党组织8个，其中村（社区）党组织1个。\n截至12月，十五届县委以来已巡察党组织161个，"
        "占本届应巡察党组织186个的86.56%；已巡察村（社区）党组织203个，占全县248个村（社区）的81.85%。",
        False,
    ),
    # 累计 without a year is the term's figure; 全年累计 names the year and is compared with it.
    (
        "figure-restated",
        "全年发现问题200个。\n全年累计发现问题186个。",
        "全年巡察党组织8个。\n截至12月15日，已累计巡察党组织161个。",
        False,
    ),
    # Organizations not yet inspected are not a count of inspected ones.
    (
        "figure-restated",
        "全年巡察党组织8个。\n对县发改局等9个单位开展巡察。",
        "全年巡察党组织8个。\n对尚未巡察的25个党组织开展巡察，对未开展巡察的县发改局等6个单位开展巡察。",
        False,
    ),
    # Plans are not this year's figures; a later year's are its own (and a plan).
    (
        "figure-restated",
        "全年巡察党组织8个。\n对25个党组织开展巡察。",
        "全年巡察党组织8个。\n明年计划开展3轮巡察，对25个党组织开展巡察。\n下一步，拟对20个党组织开展巡察。"
        "\n2027年将对30个党组织开展巡察。\n2027年对32个党组织开展巡察。",
        True,
    ),
    # Done by a plan is done: 根据年度巡察计划…开展了, 按照年度工作计划开展… are this year's figures.
    (
        "figure-restated",
        "全年巡察党组织8个，发现问题32个。\n根据年度巡察计划对9个党组织开展了巡察，全年共发现问题35个。",
        "全年巡察党组织8个，发现问题32个。\n根据年度巡察计划对8个党组织开展了巡察，全年共发现问题32个。",
        True,
    ),
    (
        "figure-restated",
        "全年巡察党组织8个。\n按照年度工作计划开展巡察，全年巡察党组织9个。",
        "全年巡察党组织8个。\n按照年度工作计划开展巡察，全年巡察党组织8个。",
        True,
    ),
    (
        "parts-sum",
        "共发现问题126个，其中党风廉政方面问题60个、作风方面问题40个、其他方面问题36个。",
        "共发现问题126个，其中党风廉政方面问题60个、作风方面问题40个、其他方面问题26个；立行立改问题30个。",
        False,
    ),
    (
        "parts-sum",
        "巡察党组织17个。\n完成对12个党组织的常规巡察和对6个党组织的专项巡察。",
        "巡察党组织17个。\n完成对12个党组织的常规巡察和对5个党组织的专项巡察。",
        False,
    ),
    # Another year's types are not parts of this year's total (the near miss is dated 2026).
    (
        "parts-sum",
        "全年巡察党组织8个。\n对6个党组织开展常规巡察。\n对3个党组织开展专项巡察。",
        "全年巡察党组织8个。\n对6个党组织开展常规巡察。\n2025年对3个党组织开展专项巡察。",
        True,
    ),
    (
        "parts-short",
        "共发现问题186个，其中党风廉政方面问题60个、作风方面问题70个。",
        "共发现问题186个，其中党风廉政方面问题60个、作风方面问题70个、其他方面问题56个。",
        False,
    ),
    (
        "point-alone",
        "一、主要工作\n巡察中，一是聚焦“一把手”履职情况。\n二、下一步打算",
        "一、主要工作\n巡察中，一是聚焦“一把手”履职情况。\n二是聚焦群众身边问题。\n二、下一步打算",
        False,
    ),
    (
        "heading-alone",
        "一、主要工作\n（一）加强领导。\n二、下一步打算",
        "一、主要工作\n（一）加强领导。\n（二）压实责任。\n二、下一步打算",
        False,
    ),
    # A county's draft that mostly says 省委 is in a province: a pasted 自治区党委 is the odd one out.
    (
        "province-committee",
        "认真落实中央和省委、市委部署，对标省委要求，学习自治区党委文件。",
        "认真落实中央和省委、市委部署，对标省委要求。",
        False,
    ),
    (
        "province-organ",
        "落实省委部署，配合自治区纪委监委开展工作。",
        "落实省委部署，配合省纪委监委开展工作。",
        False,
    ),
    ("sibling-level-committee", "区委常委会先后5次召开会议。", "县委常委会先后5次召开会议。", False),
    ("sibling-level-committee", "问题线索移交区纪委监委。", "学习借鉴临江区纪委监委的做法。", False),
    ("sibling-level-committee", "督促区直单位抓好整改。", "督促县直单位抓好整改。", False),
    ("sibling-whole-area", "全区共派出巡察组7个次。", "全县共派出巡察组7个次。", False),
    ("sibling-whole-area", "督促全区相关部门开展专项治理。", "健全区域协调机制。", False),
    ("impossible-date", "2026年2月30日召开会议。", "2026年2月28日召开会议。", False),
    ("reversed-range", "2026年5月10日至3月10日进驻。", "2026年3月10日至5月10日进驻。", False),
    (
        "future-date",
        "2027年1月5日召开会议。\n2026年12月25日",
        "2026年1月5日召开会议。\n2026年12月25日",
        False,
    ),
    (
        "missing-full-stop",
        "一、总体情况\n县委高度重视巡察工作并作出部署安排",
        "一、总体情况\n县委高度重视巡察工作并作出部署安排。",
        False,
    ),
    ("heading-full-stop", "一、主要工作开展情况。", "一、主要工作开展情况", False),
    (
        "point-sequence",
        "一是加强领导；二是压实责任；二是抓好整改。",
        "一是加强领导；二是压实责任；三是抓好整改。",
        False,
    ),
    ("heading-sequence", "一、总体情况\n三、下一步打算", "一、总体情况\n二、下一步打算", False),
    ("heading-style-mixed", "1、加强领导\n2.压实责任", "1.加强领导\n2.压实责任", False),
    ("feedback-report-deadline", FEEDBACK, FEEDBACK + "\n请于2个月内报送整改情况报告。", False),
    ("feedback-disclosure", FEEDBACK, FEEDBACK + "\n整改情况按规定向社会公开。", False),
    ("feedback-clues", FEEDBACK, FEEDBACK + "\n问题线索已移交县纪委监委。", False),
]


def rules_fired(tmp_path, text, *, org=COUNTY, date=None, name="draft.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = check_draft(path, CheckOptions(org=org, date=date)).report
    return {f.rule for f in report.findings}


@pytest.mark.parametrize(("rule", "fires", "near_miss", "dated"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_its_case(tmp_path, rule, fires, near_miss, dated):
    assert rule in rules_fired(tmp_path, fires, date=DATED if dated else None)


@pytest.mark.parametrize(("rule", "fires", "near_miss", "dated"), CASES, ids=[c[0] for c in CASES])
def test_rule_is_quiet_on_its_near_miss(tmp_path, rule, fires, near_miss, dated):
    assert rule not in rules_fired(tmp_path, near_miss, date=DATED if dated else None)


def test_a_deadline_after_the_document_date_is_not_a_future_date(tmp_path):
    text = "请于2027年1月5日前报送整改方案，2027年2月25日之前报送整改情况报告。\n2026年12月25日"
    assert "future-date" not in rules_fired(tmp_path, text)
    assert "future-date" in rules_fired(tmp_path, "2027年1月5日报送了整改方案。\n2026年12月25日")


def test_a_report_deadline_of_other_lengths_counts(tmp_path):
    assert "feedback-report-deadline" not in rules_fired(
        tmp_path, FEEDBACK + "\n请于3个月内报送整改情况报告。"
    )


def test_every_builtin_rule_has_a_case():
    """Pattern rules, feedback requirements and the rules written in Python alike (the registry)."""
    ids = {rule.id for rule in all_rules(load_rules())} - {"facts", "org-missing", "org-inferred"}
    assert ids <= {c[0] for c in CASES} | {c[0] for c in LEVEL_CASES}


# A rule about levels, the organization it is checked for, what fires it and its near miss.
DISTRICT = Org("区", "市")
BANNER = Org("旗", "盟")
CITY = Org("市", "州")
MUNICIPAL_DISTRICT = Org("区", "市", province_level="直辖市")
AUTONOMOUS_COUNTY = Org("县", "市", province_level="自治区")
LEVEL_CASES = [
    ("sibling-level-committee", DISTRICT, "经县委书记专题会议研究。", "经区委书记专题会议研究。"),
    ("sibling-level-committee", DISTRICT, "向县委组织部移交选人用人问题。", "向区委组织部移交选人用人问题。"),
    ("sibling-level-committee", DISTRICT, "在县委的坚强领导下。", "在区委的坚强领导下。"),
    ("sibling-level-committee", DISTRICT, "对2个县直部门进行约谈。", "对2个区直部门进行约谈。"),
    ("sibling-level-committee", DISTRICT, "县财政局党组召开会议。", "区财政局党组召开会议。"),
    ("sibling-level-committee", CITY, "县委常委会审议年度计划。", "市委常委会审议年度计划。"),
    ("sibling-level-committee", BANNER, "参加县委巡察办组织的培训。", "参加旗委巡察办组织的培训。"),
    ("sibling-level-committee", COUNTY, "由区委巡察办牵头。", "由县委巡察办牵头。"),
    ("sibling-whole-area", DISTRICT, "督促全县相关部门整改。", "督促全区相关部门整改。"),
    ("sibling-whole-area", BANNER, "全县共有8个单位完成整改。", "全旗共有8个单位完成整改。"),
    ("province-committee", BANNER, "认真落实中央和省委、盟委部署。", "认真落实中央和自治区党委、盟委部署。"),
    ("province-committee", BANNER, "主动对接省委巡视组。", "主动对接自治区党委巡视组。"),
    ("province-committee", MUNICIPAL_DISTRICT, "落实省委巡视领导小组要求。", "落实市委巡视领导小组要求。"),
    ("province-committee", AUTONOMOUS_COUNTY, "借鉴省委巡视工作经验。", "借鉴河北省委巡视工作经验。"),
    ("province-organ", BANNER, "省纪委监委给予肯定。", "自治区纪委监委给予肯定。"),
    ("province-organ", MUNICIPAL_DISTRICT, "配合省纪委监委工作。", "配合市纪委监委工作。"),
    ("province-region", MUNICIPAL_DISTRICT, "推动全省巡察会议精神落地。", "推动全市巡察会议精神落地。"),
    ("province-region", BANNER, "全省巡视巡察工作会议。", "全区巡视巡察工作会议。"),
    ("county-xunshi", DISTRICT, "区委巡视工作领导小组。", "省委巡视工作领导小组。"),
    ("county-xunshi", MUNICIPAL_DISTRICT, "区委巡视工作领导小组。", "市委巡视工作领导小组。"),
    ("parent-discipline-commission", DISTRICT, "会同市纪委监委会商。", "会同区纪委监委会商。"),
]


@pytest.mark.parametrize(
    ("rule", "org", "fires", "near_miss"), LEVEL_CASES, ids=[f"{c[0]}-{c[1].level}" for c in LEVEL_CASES]
)
def test_level_rules_fire_for_every_level_and_stay_quiet_on_the_right_word(
    tmp_path, rule, org, fires, near_miss
):
    assert rule in rules_fired(tmp_path, fires, org=org)
    assert rule not in rules_fired(tmp_path, near_miss, org=org)


def test_the_suggestion_uses_the_drafts_own_level_words(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("问题线索已移交县纪委监委，由县委巡察办跟踪督办。\n", encoding="utf-8")
    report = check_draft(path, CheckOptions(org=DISTRICT)).report
    suggestions = [f.suggestion for f in report.findings if f.rule == "sibling-level-committee"]
    assert suggestions == ["改为“区纪委监委”", "改为“区委”"]


def test_the_clue_hint_of_a_feedback_names_the_units_own_discipline_commission(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(FEEDBACK + "\n请于2个月内报送整改情况报告，并向社会公开。\n", encoding="utf-8")
    report = check_draft(path, CheckOptions(org=DISTRICT)).report
    hint = next(f.message for f in report.findings if f.rule == "feedback-clues")
    assert "区纪委监委、区委组织部" in hint and "县纪委监委" not in hint


def test_every_rule_is_registered_once_with_a_code_and_a_severity():
    rules = all_rules(load_rules())
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"[LF]\d+", rule.code), rule
        assert rule.severity in ("error", "warning", "info"), rule
        assert rule.description, rule


def test_a_rule_file_disabling_an_unknown_rule_is_told_what_it_may_mean(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("disable: [L99, heading-sequense, point-sequence, L6]\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_rules((path,))
    messages = [str(issue) for issue in caught.value.issues]
    assert messages[0].startswith("rules.yaml:1:11: 没有编号或类别为“L99”的检查规则")
    assert messages[1] == (
        "rules.yaml:1:16: 没有编号或类别为“heading-sequense”的检查规则，是否想写“heading-sequence”？"
        "（全部规则见 docs/check-rules.md）"
    )
    assert len(messages) == 2  # a rule written in Python (point-sequence) and a code (L6) are known


def test_disabling_a_rule_written_in_python_switches_it_off(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("disable: [point-sequence]\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("一是加强领导；二是压实责任；二是抓好整改。", encoding="utf-8")
    report = check_draft(draft, CheckOptions(rule_files=(rules,), org=COUNTY)).report
    assert "point-sequence" not in {f.rule for f in report.findings}


@pytest.mark.parametrize("rule", ["fourteenth-plan", "third-plenum-latest", "nineteenth-congress"])
def test_rules_about_currency_wait_for_their_date(tmp_path, rule):
    text = next(c[1] for c in CASES if c[0] == rule)
    assert rule not in rules_fired(tmp_path, text, date=dt.date(2022, 6, 1))
    assert rule not in rules_fired(tmp_path, text, date=None)


def test_a_county_level_city_may_name_its_own_city_committee(tmp_path):
    city = Org("市", "州", short_name=None)
    fired = rules_fired(tmp_path, "市委常委会先后5次召开会议，市委第一巡察组进驻。", org=city)
    assert not {r for r in fired if r.startswith("parent-")}
    assert "parent-standing-committee" in rules_fired(tmp_path, "州委常委会先后5次召开会议。", org=city)


def test_a_county_level_city_under_a_city_is_told_apart_by_the_names(tmp_path):
    city = Org("市", "市", name="中共清河市委", parent_name="中共临江市委")
    assert "parent-standing-committee" in rules_fired(tmp_path, "临江市委常委会研究巡察工作。", org=city)
    assert "parent-standing-committee" not in rules_fired(tmp_path, "市委常委会研究巡察工作。", org=city)
    assert "parent-standing-committee" not in rules_fired(tmp_path, "清河市委常委会研究巡察工作。", org=city)


def test_a_named_county_in_a_district_report_is_not_a_level_error(tmp_path):
    district = Org("区", "市")
    assert "sibling-level-committee" in rules_fired(tmp_path, "县委常委会研究了巡察工作。", org=district)
    assert "sibling-level-committee" not in rules_fired(tmp_path, "学习清河县委常委会的做法。", org=district)


def test_upper_level_mentions_are_allowed(tmp_path):
    text = "按照市委部署，在市委巡察工作领导小组的指导下，坚持上下联动，按照市委常委会要求推进巡察。"
    assert not {r for r in rules_fired(tmp_path, text) if r.startswith(("parent-", "sibling-"))}


def test_without_an_organization_level_rules_are_skipped_and_the_user_is_told(tmp_path):
    fired = rules_fired(tmp_path, "市委常委会先后5次召开会议，指导各县委开展巡察。", org=None)
    assert "parent-standing-committee" not in fired and "sibling-committees" not in fired
    assert "org-missing" in fired


SCRIPT_RULES = [
    ("foreign-language", "traditional-characters"),
    ("traditional-characters", "foreign-language"),
]


@pytest.mark.parametrize(("disabled", "left"), SCRIPT_RULES)
def test_the_two_script_rules_are_switched_off_one_at_a_time(tmp_path, disabled, left):
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"disable: [{disabled}]\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    english = "The inspection team found several problems in the management of public funds this year."
    draft.write_text(f"巡察發現問題。\n{english}\n", encoding="utf-8")
    report = check_draft(draft, CheckOptions(rule_files=(rules,), org=COUNTY)).report
    found = {f.rule for f in report.findings}
    assert left in found and disabled not in found


def test_a_rule_file_disabling_a_renamed_rule_is_told_its_new_name(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("disable: [problem-totals]\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        load_rules((path,))
    assert str(caught.value.issues[0]) == (
        "rules.yaml:1:11: 检查规则“problem-totals”已改名为“figure-restated”，请改用新的名称"
        "（全部规则见 docs/check-rules.md）"
    )


def test_a_countys_own_word_for_the_province_level_settles_its_kind(tmp_path):
    """Without --province-level, a county that writes 自治区党委 throughout is in an autonomous region."""
    text = "认真落实中央和自治区党委、市委部署，主动接受自治区党委巡视办指导。"
    assert "province-committee" not in rules_fired(tmp_path, text)
    assert "province-committee" in rules_fired(tmp_path, text, org=Org("县", "市", province_level="省"))


def test_an_undated_draft_is_checked_for_stale_references_from_the_year_it_reports_on(tmp_path):
    text = "关于2026年度巡察工作情况的报告\n深入学习贯彻党的十九大精神，推动“十四五”规划重大项目落地。\n"
    fired = rules_fired(tmp_path, text)
    assert {"nineteenth-congress", "fourteenth-plan"} <= fired
    # 2026年5月 is no “future date” of a draft whose date is unknown
    assert "future-date" not in rules_fired(tmp_path, text + "2026年5月10日召开推进会。\n")
    assert "nineteenth-congress" not in rules_fired(tmp_path, text.replace("2026", "2021"))
