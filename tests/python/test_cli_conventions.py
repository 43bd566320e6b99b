"""One CLI convention (issue 9, items 5 and 6), through the installed tool: a main
input that cannot be read is an error; usage errors exit 2 in one line; one
output flag; the pack the data need; one default scheme and number format;
"did you mean"; `python -m danchu`; progress on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import danchu_exe as _cli


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_cli(), *args], capture_output=True, text=True)


def _one_line_error(run: subprocess.CompletedProcess[str], *names: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("danchu: ")
    for n in names:
        assert n in lines[0], (n, lines[0])
    assert "Traceback" not in run.stderr


def _report_args(province: Path) -> list[str]:
    return ["--units", str(province / "organisation.json"),
            "--evidence", str(province / "evidence/2018-H1.json"), "--period", "2018-H1"]


def _one_rule_findings(path: Path, cells: list[dict[str, object]], **extra: object) -> Path:
    """A findings file of units A and B and one rule R1 with the given cells."""
    path.write_text(json.dumps({
        "rules": [{"id": "R1", "title": {"vi": "r", "en": "r"}, "weight": 1, "severity": "medium",
                   "confidence": "verified", "tags": []}],
        "units": ["A", "B"], "findings": cells, **extra}, ensure_ascii=False), encoding="utf-8")
    return path


PASS_FAIL = [{"unit": "A", "rule": "R1", "verdict": "pass"}, {"unit": "B", "rule": "R1", "verdict": "fail"}]


# --- 5. Missing input is an error -------------------------------------------------

def test_report_missing_evidence_is_an_error(province: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = _run("report", "--units", str(province / "organisation.json"), "--evidence",
               str(tmp_path / "nope.json"), "--period", "2018-H1", "-o", str(out))
    _one_line_error(run, "nope.json")
    assert not (out / "report.json").exists()


def test_report_folder_as_evidence_names_it(province: Path, tmp_path: Path) -> None:
    run = _run("report", "--units", str(province / "organisation.json"), "--evidence",
               str(province / "evidence"), "--period", "2018-H1", "-o", str(tmp_path / "out"))
    _one_line_error(run, str(province / "evidence"), "folder")


def test_report_missing_assessment_is_an_error(province: Path, tmp_path: Path) -> None:
    run = _run("report", *_report_args(province), "--assessment", str(tmp_path / "none.json"),
               "-o", str(tmp_path / "out"))
    _one_line_error(run, "none.json")


def test_evaluate_folder_as_evidence_names_it(province: Path) -> None:
    run = _run("evaluate", "--units", str(province / "organisation.json"), "--evidence",
               str(province), "--period", "2018-H1")
    _one_line_error(run, str(province), "folder")


def test_score_missing_findings_is_a_usage_error(tmp_path: Path) -> None:
    _one_line_error(_run("score", str(tmp_path / "findings.json")), "findings.json")


def test_report_unknown_scheme_and_pack(province: Path, tmp_path: Path) -> None:
    run = _run("report", *_report_args(province), "--scheme", "default-vn.decree-04-201",
               "-o", str(tmp_path / "out"))
    _one_line_error(run, "default-vn.decree-04-201", 'did you mean "default-vn.decree-04-2015"')
    run = _run("report", *_report_args(province), "--pack", "vn.bac-giang.2018-05-10",
               "-o", str(tmp_path / "out"))
    _one_line_error(run, 'did you mean "vn.bac-giang.2018-05-09"')


def test_report_chooses_the_pack_the_records_need(province: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = _run("report", *_report_args(province), "--records",
               str(province / "records-vn.decree-04-2015.json"), "--as-of", "2018-06-14", "-o", str(out))
    assert run.returncode == 0, run.stderr
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in doc["header"]["packs"]] == ["vn.decree-04-2015", "vn.bac-giang.2018-05-09"]
    assert not [p for p in doc["problems"] if p["kind"] == "unknown_obligation"]


def test_report_without_a_pack_in_force_says_which_to_give(province: Path, tmp_path: Path) -> None:
    ev = tmp_path / "ev.json"
    ev.write_text(json.dumps({"period": "2001-H1", "units": {}}), encoding="utf-8")
    run = _run("report", "--units", str(province / "organisation.json"), "--evidence", str(ev),
               "--period", "2001-H1", "-o", str(tmp_path / "out"))
    _one_line_error(run, "--pack", "vn.decree-04-2015")


def test_agenda_chooses_the_pack_the_records_need(province: Path) -> None:
    run = _run("agenda", "--units", str(province / "organisation.json"), "--records",
               str(province / "records-vn.decree-04-2015.json"), "--as-of", "2018-06-14",
               "--format", "json")
    assert run.returncode == 0, run.stderr
    assert "unknown obligation" not in run.stderr
    doc = json.loads(run.stdout)
    assert not doc["problems"]
    assert any(i["obligation"] == "doha-six-monthly-report" for i in doc["items"])


# --- 6. One CLI convention ---------------------------------------------------------

@pytest.mark.parametrize("args, names", [
    (["report", "--units", "u.json"], ["--period", "danchu report --help"]),
    (["calendar", "2026", "--lang", "fr"], ["--lang", "fr", "danchu calendar --help"]),
    (["agenda", "--units", "u.json", "--as-of", "2018-06-14", "--format", "xml"],
     ["xml", "danchu agenda --help"]),
    (["score"], ["findings", "danchu score --help"]),
    (["calendar", "twenty"], ["twenty", "danchu calendar --help"]),
    (["no-such-command"], ["no-such-command", "danchu --help"]),
    (["sample", "--out", "x"], ["--out", "danchu sample --help"]),
])
def test_usage_errors_exit_2_in_one_line(args: list[str], names: list[str]) -> None:
    _one_line_error(_run(*args), *names)


def test_report_out_is_now_output(province: Path, tmp_path: Path) -> None:
    run = _run("report", *_report_args(province), "--out", str(tmp_path / "out"))
    assert run.returncode == 2
    run = _run("report", *_report_args(province), "--output", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "report.html").is_file()


def test_help_and_version_exit_0() -> None:
    for args in (["--help"], ["--version"], ["report", "--help"]):
        run = _run(*args)
        assert run.returncode == 0, args
    assert "Tệp tổ chức (JSON hoặc CSV) / Organisation file (JSON or CSV)" in _run("report", "--help").stdout


def test_did_you_mean_unit_rule_pack(province: Path) -> None:
    base = ["explain", "--units", str(province / "organisation.json"), "--evidence",
            str(province / "evidence/2018-H1.json"), "--period", "2018-H1"]
    _one_line_error(_run(*base, "--unit", "so-noi-v", "--rule", "D04-ART5-CONF-ANNUAL"),
                    'did you mean "so-noi-vu"')
    _one_line_error(_run(*base, "--unit", "so-noi-vu", "--rule", "D04-ART5-CONF-ANNUL"),
                    'did you mean "D04-ART5-CONF-ANNUAL"')
    _one_line_error(_run("test", "vn.law-10-2020"), 'did you mean "vn.law-10-2022"')
    _one_line_error(_run("validate", "vn.law-10-2020"), 'did you mean "vn.law-10-2022"')


def test_score_default_scheme_and_numbers(province: Path, tmp_path: Path) -> None:
    findings = tmp_path / "f.json"
    ev = _run("evaluate", "--pack", "vn.bac-giang.2018-05-09", "--units",
              str(province / "organisation.json"), "--evidence", str(province / "evidence/2018-H1.json"),
              "--period", "2018-H1", "--json", "-o", str(findings))
    assert ev.returncode == 0, ev.stderr
    default = _run("score", str(findings), "--format", "json")
    assert json.loads(default.stdout)["scheme"] == "default-vn.bac-giang.2018-05-09"
    vi = _run("score", str(findings)).stdout
    en = _run("score", str(findings), "--lang", "en").stdout
    row_vi = next(line for line in vi.splitlines() if line.startswith("so-noi-vu |"))
    row_en = next(line for line in en.splitlines() if line.startswith("so-noi-vu |"))
    assert "," in row_vi.split("|")[3] and "." in row_en.split("|")[3]
    csv = tmp_path / "f.csv"
    csv.write_text("unit,rule,verdict\nx,r,pass\n", encoding="utf-8")
    _one_line_error(_run("score", str(csv)), "--scheme")


def test_python_m_danchu_is_the_same_tool() -> None:
    run = subprocess.run([sys.executable, "-m", "danchu", "--version"], capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stdout == _run("--version").stdout
    run = subprocess.run([sys.executable, "-m", "danchu", "calendar", "2026", "--lang", "fr"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "danchu calendar --help" in run.stderr


def test_progress_on_stderr_when_asked(province: Path, tmp_path: Path) -> None:
    raw = subprocess.run([_cli(), "--progress", "sample", "-o", str(tmp_path / "p"), "--units", "40"],
                         capture_output=True)  # bytes: text mode would turn "\r" into "\n"
    assert raw.returncode == 0, raw.stderr
    assert b"\r" in raw.stderr and b"danchu sample: 8/8" in raw.stderr
    run = _run("sample", "-o", str(tmp_path / "q"), "--units", "40", "--progress", "--quiet")
    assert run.stderr == ""
    run = _run("report", *_report_args(province), "-o", str(tmp_path / "r"))  # not a terminal
    assert run.returncode == 0 and run.stderr == ""


def test_score_rolls_up_every_tree_of_a_forest(tmp_path: Path) -> None:
    # Regression (issue 15, item 7): a unit without a parent besides the root
    # made a second root, and its subtree vanished from the roll-up.
    units = tmp_path / "units.json"
    units.write_text(json.dumps({"units": [
        {"id": "P", "kind": "province", "staff": 0},
        {"id": "A", "kind": "department", "staff": 10, "parent": "P"},
        {"id": "Q", "kind": "district", "staff": 0},
        {"id": "B", "kind": "commune", "staff": 12, "parent": "Q"}]}), encoding="utf-8")
    findings = _one_rule_findings(tmp_path / "findings.json", PASS_FAIL)
    run = _run("score", str(findings), "--scheme", "xccdf-default", "--units", str(units), "--format", "json")
    assert run.returncode == 0, run.stderr
    rollups = json.loads(run.stdout)["rollup"]
    assert [r["node"] for r in rollups] == ["P", "Q"]
    assert {n["id"] for r in rollups for n in r["nodes"]} == {"P", "A", "Q", "B"}
    table = _run("score", str(findings), "--scheme", "xccdf-default", "--units", str(units), "--lang", "en")
    assert table.returncode == 0, table.stderr
    assert "\nQ " in table.stdout and "  B " in table.stdout


def test_outputs_refuse_symlinks_and_inputs_and_report_full_disks(province: Path, tmp_path: Path) -> None:
    # Regression (issue 15, items 9 and 10): writes checked `<<` but not the final
    # flush or close (exit 0 with an empty file on a full disk); --output followed
    # a planted symbolic link, and -o could name an input and destroy it.
    out = tmp_path / "report"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (out / "report.md").symlink_to(victim)
    run = _run("report", *_report_args(province), "-o", str(out))
    _one_line_error(run, "report.md", "symbolic link")
    assert victim.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]  # nothing half-written

    units = province / "organisation.json"
    before = units.read_bytes()
    run = _run("evaluate", "--units", str(units), "--evidence", str(province / "evidence/2018-H1.json"),
               "--period", "2018-H1", "--format", "json", "-o", str(units))
    _one_line_error(run, "is an input of this run")
    assert units.read_bytes() == before

    if Path("/dev/full").exists():
        run = _run("calendar", "2026", "-o", "/dev/full")
        _one_line_error(run, "/dev/full", "writing the file failed")
        with open("/dev/full", "w") as full:
            run2 = subprocess.run([_cli(), "calendar", "2026"], stdout=full, stderr=subprocess.PIPE, text=True)
        assert run2.returncode == 2 and "standard output" in run2.stderr


def test_agenda_lists_a_submission_for_an_occurrence_that_does_not_exist(province: Path, tmp_path: Path) -> None:
    # Regression (issue 15, item 8): `agenda` dropped it without a word.
    records = json.loads((province / "records-vn.decree-04-2015.json").read_text(encoding="utf-8"))
    bad = dict(next(s for s in records["submissions"] if s["occurrence"] == "2018-H1"))
    bad["occurrence"] = "2018-H3"
    records["submissions"].append(bad)
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    run = _run("agenda", "--units", str(province / "organisation.json"), "--records", str(path),
               "--as-of", "2018-06-14")
    assert run.returncode == 0, run.stderr
    assert 'occurrence "2018-H3" does not exist' in run.stderr


def test_score_applies_and_lists_the_overrides_of_a_findings_file(tmp_path: Path) -> None:
    # Regression (issue 15, item 3): the override was accepted, not applied, not shown.
    findings = _one_rule_findings(
        tmp_path / "findings.json", PASS_FAIL,
        overrides=[{"unit": "B", "rule": "R1", "original": "fail", "replacement": "pass",
                    "who": "Sở Nội vụ", "date": "2018-06-20", "reason": "biên bản bổ sung"}])
    run = _run("score", str(findings), "--scheme", "xccdf-default", "--format", "json")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert [u["total"] for u in doc["units"]] == [100, 100]
    assert doc["overrides"][0]["who"] == "Sở Nội vụ" and doc["overrides"][0]["original"] == "fail"
    table = _run("score", str(findings), "--scheme", "xccdf-default")
    assert "B | R1 | fail → pass | Sở Nội vụ | 2018-06-20 | biên bản bổ sung" in table.stdout
    csv = _run("score", str(findings), "--scheme", "xccdf-default", "--format", "csv")
    assert csv.stdout.splitlines()[0].endswith(",overrides")
    assert '"R1: fail → pass (Sở Nội vụ, 2018-06-20)"' in csv.stdout


def test_score_prints_what_was_classified_at_the_schemes_precision(tmp_path: Path) -> None:
    # Regression (issue 15, item 5): units that all showed 79.95 were graded Khá and
    # Tốt: totals were rounded by the scheme but printed with two decimals, self and
    # appraised unrounded. Every column now shows the scheme's rounding.
    scheme = {"id": "p", "title": {"vi": "p", "en": "p"}, "kind": "scorecard", "max_points": 100,
              "classify_on": "self", "rounding": {"mode": "half_up", "decimals": 1},
              "criteria": [{"id": "c", "title": {"vi": "c", "en": "c"}, "max_points": 100, "from": "rules",
                            "items": [{"rule": "R1", "points": 100, "credit": "proportional"}]}],
              "bands": [{"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80, "boundary": ">=",
                         "source": {"document": "test"}, "confidence": "uncertain"},
                        {"id": "kha", "name": {"vi": "Khá", "en": "Fair"},
                         "source": {"document": "test"}, "confidence": "uncertain"}]}
    (tmp_path / "s.json").write_text(json.dumps(scheme), encoding="utf-8")
    _one_rule_findings(tmp_path / "f.json", [{"unit": "A", "rule": "R1", "verdict": "fail", "credit": 0.7995},
                                             {"unit": "B", "rule": "R1", "verdict": "fail", "credit": 0.79949}])
    table = _run("score", str(tmp_path / "f.json"), "--scheme", str(tmp_path / "s.json"))
    assert table.returncode == 0, table.stderr
    assert "A | 80,0 | 80,0 | 80,0 | Tốt" in table.stdout
    assert "B | 79,9 | 79,9 | 79,9 | Khá" in table.stdout
    csv = _run("score", str(tmp_path / "f.json"), "--scheme", str(tmp_path / "s.json"), "--format", "csv")
    assert "A,80.0,80.0,80.0,classified,tot," in csv.stdout
    assert "B,79.9,79.9,79.9,classified,kha," in csv.stdout


def test_validate_checks_every_kind_of_data_file(tmp_path: Path) -> None:
    # Regression (issue 15, item 20): `danchu validate` read every file as a rule
    # pack ("unknown key criteria"), and a scheme's rule ids were checked only when
    # scoring. Schemes, obligations, fact dictionaries and organisations validate by
    # what they are; a scheme's rules are checked against its pack.
    from danchu import _data

    data = Path(_data.data_dir())
    for rel, said in [("scoring/default-vn.decree-04-2015.json", "every rule it names is in pack vn.decree-04-2015"),
                      ("scoring/xccdf-flat.json", "scoring scheme xccdf-flat"),
                      ("obligations/vn.law-10-2022.json", "obligations"),
                      ("facts.json", "facts"),
                      ("packs/vn.law-10-2022.json", "pack vn.law-10-2022"),
                      ("packs/vn.law-10-2022.tests.json", "rule tests of pack vn.law-10-2022"),
                      ("schedules/2024.json", "holiday schedule of 2024"),
                      ("schedules/eras.json", "holiday eras"),
                      ("regimes/decree-09-2019.json", "reporting convention decree-09-2019"),
                      ("events/kinds.json", "event kinds table"),
                      ("events/publicity-items.json", "publicity items table"),
                      ("events/years.json", "event years table")]:
        run = _run("validate", str(data / rel))
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("ok: ") and said in run.stdout
    scheme = json.loads((data / "scoring/default-vn.decree-04-2015.json").read_text(encoding="utf-8"))
    scheme.pop("$schema", None)
    scheme["criteria"][0]["items"][0]["rule"] = "D04-ART5-CONF-ANUAL"
    bad = tmp_path / "scheme.json"
    bad.write_text(json.dumps(scheme, ensure_ascii=False), encoding="utf-8")
    run = _run("validate", str(bad))
    _one_line_error(run, "/criteria/0/items/0/rule", 'unknown rule "D04-ART5-CONF-ANUAL"')
    assert run.stdout == ""


def test_validate_checks_a_provinces_own_files_against_its_organisation(province: Path) -> None:
    # Regression (issue 15, item 20): evidence, events and schedule records were read
    # as rule packs ("unknown key"); with --organisation their units are checked too.
    org = str(province / "organisation.json")
    for rel, said in [("organisation.json", "organisation of 120 units"),
                      ("events.json", "events file of"),
                      ("evidence/2018-H1.json", "evidence for 2018-H1"),
                      ("records-vn.law-10-2022.json", "schedule records")]:
        run = _run("validate", "--organisation", org, str(province / rel))
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("ok: ") and said in run.stdout
        assert "units not checked" not in run.stdout
    unchecked = _run("validate", str(province / "events.json"))
    assert unchecked.returncode == 0, unchecked.stderr
    assert "units not checked" in unchecked.stdout


def test_validate_reads_csv_files_by_their_header(tmp_path: Path) -> None:
    # Regression (issue 15, item 20, what the last stop left open): `validate` read
    # only JSON, so the CSV forms the other commands read could not be checked.
    files = {
        "units.csv": ("id,kind,parent,staff\nP,province,,40\nA,department,P,3\n", "organisation of 2 units"),
        "wide.csv": ("unit,consultation.held\nA,true\n", "evidence (CSV, wide)"),
        "records.csv": ("unit,obligation,occurrence,done_on\nA,annual-conference,2017,2018-01-15\n",
                        "schedule records: 1 submissions"),
        "findings.csv": ("unit,rule,verdict\nA,R1,pass\n", "findings of 1 units"),
    }
    for name, (text, said) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        run = _run("validate", "--organisation", str(tmp_path / "units.csv"), str(tmp_path / name))
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("ok: ") and said in run.stdout, run.stdout
    (tmp_path / "bad.csv").write_text("unit,consultation.held\nA,true\nA,maybe\n", encoding="utf-8")
    _one_line_error(_run("validate", str(tmp_path / "bad.csv")), "bad.csv:line 3", "consultation.held")
    (tmp_path / "stranger.csv").write_text("unit,consultation.held\nB,true\n", encoding="utf-8")
    _one_line_error(_run("validate", "--organisation", str(tmp_path / "units.csv"), str(tmp_path / "stranger.csv")),
                    "stranger.csv:line 2")


def test_score_names_the_period_option_period_and_keeps_label_hidden(province: Path, tmp_path: Path) -> None:
    # issue 10, item 8: one name for the period option across commands (--period);
    # the 0.2 names --label and --previous-label still work but are not listed
    findings = {}
    for period in ("2018-H1", "2017-H2"):
        findings[period] = tmp_path / f"{period}.json"
        ev = _run("evaluate", "--pack", "vn.bac-giang.2018-05-09", "--units",
                  str(province / "organisation.json"), "--evidence", str(province / f"evidence/{period}.json"),
                  "--period", period, "--json", "-o", str(findings[period]))
        assert ev.returncode == 0, ev.stderr
    common = [str(findings["2018-H1"]), "--units", str(province / "organisation.json"),
              "--previous-findings", str(findings["2017-H2"]), "--format", "json"]
    new = _run("score", *common, "--period", "2018-H1", "--previous-period", "2017-H2")
    old = _run("score", *common, "--label", "2018-H1", "--previous-label", "2017-H2")
    assert new.returncode == 0 and old.returncode == 0, (new.stderr, old.stderr)
    assert new.stdout == old.stdout
    help_text = _run("score", "--help").stdout
    assert "--period" in help_text and "--previous-period" in help_text
    assert "--label" not in help_text and "--previous-label" not in help_text
    _one_line_error(_run("score", *common, "--period", "2018-H1", "--label", "2018-H1"), "--period", "--label")


def test_score_csv_guards_text_cells_and_leaves_numbers(tmp_path: Path) -> None:
    # Regression (issue 10, item 5): the score CSV had no formula-injection guard.
    # A unit id may start with "+" or "-"; an override's author is free text.
    path = tmp_path / "f.json"
    path.write_text(json.dumps({
        "rules": [{"id": "R1", "title": {"vi": "r", "en": "r"}, "weight": 1, "severity": "medium",
                   "confidence": "verified", "tags": []}],
        "units": ["+1-2", "B"],
        "findings": [{"unit": "+1-2", "rule": "R1", "verdict": "pass"}, {"unit": "B", "rule": "R1", "verdict": "fail"}],
        "overrides": []}, ensure_ascii=False), encoding="utf-8")
    csv = _run("score", str(path), "--scheme", "xccdf-default", "--format", "csv")
    assert csv.returncode == 0, csv.stderr
    lines = csv.stdout.splitlines()
    assert lines[1].startswith("'+1-2,100"), lines[1]
    assert lines[2].startswith("B,0"), lines[2]


def _three_unit_scheme_and_findings(tmp_path: Path) -> tuple[Path, Path]:
    """A 100-point scheme on rule R1 (Tốt >= 80, else Khá) and findings: A passes,
    B fails, nothing applies to C, D sent nothing."""
    scheme = {"id": "p", "title": {"vi": "p", "en": "p"}, "kind": "scorecard", "max_points": 100,
              "criteria": [{"id": "c", "title": {"vi": "c", "en": "c"}, "max_points": 100,
                            "items": [{"rule": "R1", "points": 100}]}],
              "bands": [{"id": "tot", "name": {"vi": "Tốt", "en": "Good"}, "min": 80,
                         "source": {"document": "test"}},
                        {"id": "kha", "name": {"vi": "Khá", "en": "Fair"}}]}
    (tmp_path / "s.json").write_text(json.dumps(scheme), encoding="utf-8")
    findings = tmp_path / "f.json"
    findings.write_text(json.dumps({
        "rules": [{"id": "R1", "title": {"vi": "r", "en": "r"}, "weight": 1}],
        "units": ["A", "B", "C", "D"],
        "findings": [{"unit": "A", "rule": "R1", "verdict": "pass"},
                     {"unit": "B", "rule": "R1", "verdict": "fail"},
                     {"unit": "C", "rule": "R1", "verdict": "not_applicable"}]}), encoding="utf-8")
    return tmp_path / "s.json", findings


def test_score_says_why_the_top_band_was_missed_and_shows_no_total_where_nothing_applies(
        tmp_path: Path) -> None:
    # Regression (issue 15, item 21): why a unit missed the top band was only the
    # bit field unmet_top (Python) and nowhere in the CLI; a unit to which nothing
    # applies (the province's own row) printed 0.00.
    scheme, findings = _three_unit_scheme_and_findings(tmp_path)
    base = ["score", str(findings), "--scheme", str(scheme)]
    en = _run(*base, "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "B | 0.00 | 0.00 | 0.00 | Fair (not Good: total below the threshold)" in en.stdout
    assert "C | — | — | — | Nothing applies\n" in en.stdout
    vi = _run(*base).stdout
    assert "B | 0,00 | 0,00 | 0,00 | Khá (chưa đạt Tốt: tổng điểm dưới ngưỡng)" in vi
    assert "C | — | — | — | Không có tiêu chí áp dụng" in vi
    doc = json.loads(_run(*base, "--format", "json").stdout)
    units = {u["unit"]: u for u in doc["units"]}
    assert units["A"]["unmet_top"] == [] and "unmet_top_text" not in units["A"]
    assert units["B"]["unmet_top"] == ["score"]
    assert units["B"]["unmet_top_text"] == {"vi": "tổng điểm dưới ngưỡng", "en": "total below the threshold"}
    assert units["C"]["total"] is None and units["C"]["status"] == "not_applicable"
    csv = _run(*base, "--format", "csv", "--lang", "en").stdout.splitlines()
    assert csv[0].endswith(",errors,unmet_top,unmet_top_text,overrides")
    row_b = next(line for line in csv if line.startswith("B,"))
    assert row_b.endswith(",score,total below the threshold,")
    assert next(line for line in csv if line.startswith("C,")).startswith("C,-,-,-,not_applicable,")


def test_score_counts_a_unit_without_evidence_as_a_missing_report_or_as_not_passing(tmp_path: Path) -> None:
    # Regression (issue 15, item 19): D sent nothing, was scored 0 and graded Khá
    # (the lowest band), and pulled the mean down.
    scheme, findings = _three_unit_scheme_and_findings(tmp_path)
    units = tmp_path / "units.json"
    units.write_text(json.dumps({"units": [
        {"id": "P", "kind": "province", "staff": 0},
        *({"id": u, "kind": "department", "staff": 10, "parent": "P"} for u in "ABCD")]}),
        encoding="utf-8")
    base = ["score", str(findings), "--scheme", str(scheme), "--units", str(units), "--weighting", "equal"]
    doc = json.loads(_run(*base, "--format", "json").stdout)
    assert doc["no_evidence"] == "missing_report"
    d = next(u for u in doc["units"] if u["unit"] == "D")
    assert (d["status"], d["band"], d["total"], d["no_evidence"]) == ("missing_report", None, None, True)
    root = doc["rollup"]["nodes"][0]
    assert (root["mean"], root["minimum"], root["missing"]) == (50, 0, 1)  # A 100, B 0
    assert doc["rollup"]["coverage"]["missing"] == ["D"]
    table = _run(*base, "--lang", "en").stdout
    assert "D | — | — | — | Missing report" in table
    assert "missing reports (1): D" in table
    scored = json.loads(_run(*base, "--format", "json", "--no-evidence", "not_passing").stdout)
    assert scored["no_evidence"] == "not_passing"
    d = next(u for u in scored["units"] if u["unit"] == "D")
    assert (d["status"], d["band"], d["total"]) == ("classified", "kha", 0)
    assert scored["rollup"]["nodes"][0]["mean"] == pytest.approx(100 / 3)
    _one_line_error(_run(*base, "--no-evidence", "zero"), "--no-evidence")
    assert "not_passing" in _run("score", "--help").stdout


def test_report_states_how_units_without_evidence_were_counted(province: Path, tmp_path: Path) -> None:
    # Regression (issue 15, item 19): the report did not say it, nor offer the choice.
    run = _run("report", *_report_args(province), "-o", str(tmp_path / "a"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    silent = doc["current"]["no_evidence"]["units"]
    assert doc["current"]["no_evidence"]["policy"] == "missing_report" and silent
    assert f"No evidence: {len(silent)} unit(s), treated as missing reports" in run.stdout
    md = (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    assert "treated as missing reports" in md and silent[0] in md
    run = _run("report", *_report_args(province), "-o", str(tmp_path / "b"), "--no-evidence", "not_passing")
    assert run.returncode == 0, run.stderr
    doc_b = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert doc_b["current"]["no_evidence"] == {"policy": "not_passing", "units": silent}
    assert doc_b["current"]["mean_score"] < doc["current"]["mean_score"]
    assert "chấm như không đạt" in (tmp_path / "b" / "report.md").read_text(encoding="utf-8")
