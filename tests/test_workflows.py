"""The GitHub Actions workflow: linted by zizmor (offline), and structured as promised."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_zizmor_finds_nothing() -> None:
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert zizmor, "zizmor is a pinned test dependency"
    done = subprocess.run(
        [zizmor, "--offline", str(WORKFLOW.parent)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_triggers_and_permissions() -> None:
    data = load()
    assert "pull_request" in data["on"] and data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read"}  # least privilege by default


def test_every_action_is_pinned_to_a_commit() -> None:
    for job in load()["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_pull_requests_run_the_tests_and_a_strict_build() -> None:
    jobs = load()["jobs"]
    test_runs = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert "CI=true bash .ci/run" in test_runs  # what README and CI promise: make test
    build_runs = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert "make build" in build_runs  # --strict; annotations come from hooks/links.py
    for name in ("test", "build"):
        caches = [s for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/cache@")]
        assert caches and caches[0]["with"]["path"] == "~/.cache/pip"
        assert "requirements.lock" in caches[0]["with"]["key"]


def test_pushes_to_main_deploy_with_the_official_pages_actions() -> None:
    jobs = load()["jobs"]
    build = jobs["build"]["steps"]
    upload = next(
        s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site" and "pull_request" in upload["if"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == ["test", "build"]
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_ci_script_installs_chromium_and_runs_make_test() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in script and "chromium" in script
    assert script.rstrip().endswith("make test")
