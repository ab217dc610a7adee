"""The GitHub Actions workflow: linted by zizmor (offline), and structured as promised."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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


def evaluate(expression: object, ref: str) -> bool:
    """A literal, or the one expression form used here: ${{ github.ref ==/!= '...' }}."""
    if isinstance(expression, bool):
        return expression
    match = re.fullmatch(r"\$\{\{\s*github\.ref\s*(==|!=)\s*'([^']*)'\s*\}\}", str(expression))
    assert match, f"an expression this test cannot evaluate: {expression!r}"
    return (ref == match.group(2)) == (match.group(1) == "==")


def test_a_run_on_main_is_never_cancelled_and_deploys_never_overlap() -> None:
    data = load()
    cancel = data["concurrency"]["cancel-in-progress"]
    assert evaluate(cancel, "refs/heads/main") is False  # it may be deploying
    assert evaluate(cancel, "refs/pull/12/merge") is True  # a newer push supersedes it
    assert "${{ github.ref }}" in data["concurrency"]["group"]
    assert data["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pull_requests_build_with_the_configured_site_url() -> None:
    build = load()["jobs"]["build"]["steps"]
    step = next(s for s in build if s.get("run") == "make build")
    # Empty on pull requests (no Pages step): hooks/build.py then unsets it, and
    # tests/test_build_swap.py proves the build uses mkdocs.yml's site_url.
    assert "steps.pages.outputs.base_url" in step["env"]["SITE_URL"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build:.*\n(?:.*\n)*?\t\$\(PY\) -m hooks\.build ", makefile, re.M)


def test_what_upload_pages_artifact_pulls_in_is_noted() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    note = text[: text.index("uses: actions/upload-pages-artifact@")]
    note = note[note.rindex("What upload-pages-artifact") :]
    for fact in ("--dereference", "actions/upload-artifact@v4", "moving major tag"):
        assert fact in note


@pytest.mark.xfail(
    strict=True,
    reason="python:3.11-bookworm is not pinned by digest yet: the registry was unreachable "
    "where this was written (see the note in site.yml); pinning it turns this into a pass",
)
def test_container_images_are_pinned_by_digest() -> None:
    for name, job in load()["jobs"].items():
        if "container" in job:
            image = (
                job["container"] if isinstance(job["container"], str) else job["container"]["image"]
            )
            assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), (name, image)
