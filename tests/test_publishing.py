"""Publishing and contributing files: the Pages workflow, the issue forms and the
pre-commit hooks, validated offline with check-jsonschema's vendored schemas and run for real."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import make_records_project

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")

needs_check_jsonschema = pytest.mark.skipif(not CHECK_JSONSCHEMA.exists(), reason="check-jsonschema not installed")


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHECK_JSONSCHEMA), *args], capture_output=True, text=True, timeout=120)


@needs_check_jsonschema
def test_workflow_validates_against_the_github_workflow_schema(tmp_path: Path) -> None:
    run = _check("--builtin-schema", "vendor.github-workflows", str(WORKFLOW))
    assert run.returncode == 0, run.stdout + run.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs-onn:", 1), encoding="utf-8")
    assert _check("--builtin-schema", "vendor.github-workflows", str(broken)).returncode == 1


def test_workflow_checks_builds_and_deploys_only_after_a_build() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "actions/configure-pages@v6" in uses and "actions/upload-pages-artifact@v5" in uses
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v5"] and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    check = next(i for i, run in enumerate(runs) if "diachido check" in run)
    build_step = next(i for i, run in enumerate(runs) if "diachido build" in run)
    upload = uses.index("actions/upload-pages-artifact@v5")
    assert check < build_step < upload and build["steps"][upload]["with"]["path"] == "site"
    cache = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".diachido/cache" and uses.index(cache["uses"]) < build_step


def test_the_build_job_installs_the_configured_machine_voice_and_may_read_the_pages_settings() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    engine = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["diachido"]["narration"]["engine"]
    assert engine == "espeak-ng"  # the shipped configuration; the runner image lacks it
    install = next(i for i, run in enumerate(runs) if "apt-get install" in run and engine in run)
    assert install < next(i for i, run in enumerate(runs) if "diachido check" in run)
    assert build["permissions"] == {"contents": "read", "pages": "read"}  # configure-pages reads the site settings


@needs_check_jsonschema
def test_issue_forms_validate() -> None:
    names = {form.name for form in FORMS}
    assert {"them-di-tich.yml", "sua-thong-tin.yml", "bao-loi-bang-qr.yml", "config.yml"} <= names
    forms = [str(form) for form in FORMS if form.name != "config.yml"]
    run = _check("--builtin-schema", "vendor.github-issue-forms", *forms)
    assert run.returncode == 0, run.stdout + run.stderr
    config = _check("--builtin-schema", "vendor.github-issue-config", str(ROOT / ".github/ISSUE_TEMPLATE/config.yml"))
    assert config.returncode == 0, config.stdout


def _hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"  # offline: no hook is downloaded
    return {hook["id"]: hook for hook in repo["hooks"]}


def _run_hook(hook: dict, project: Path, files: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a hook as pre-commit would: its entry, plus the matching files unless pass_filenames is false;
    skipped (exit 0, nothing run) when no file matches."""
    matching = [f for f in files if re.search(hook["files"], f) and not re.search(hook.get("exclude", "^$"), f)]
    if not matching:
        return subprocess.CompletedProcess(hook["entry"], 0, "(no files to check)Skipped", "")
    args = shlex.split(hook["entry"]) + (matching if hook.get("pass_filenames", True) else [])
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "DIACHIDO_LANG": "en"}
    return subprocess.run(args, cwd=project, capture_output=True, text=True, env=env, timeout=300)


TOUR = """\
id: TH-T0001
status: published
name: {vi: Lam Kinh và Nhà Mẹ Tơm}
description: {vi: Hai di tích của tỉnh.}
mode: motorbike-car
stops:
- site: TH-0002
- site: TH-0028
"""


def _hook_project(root: Path) -> tuple[Path, list[str]]:
    """Two sample sites, a tour through them and the tour schema: what the hooks look at."""
    project = make_records_project(root, ("lam-kinh", "nha-me-tom"), docs=False)
    (project / "tours").mkdir()
    shutil.copy2(ROOT / "tours" / "tour.schema.json", project / "tours" / "tour.schema.json")
    (project / "tours" / "lam-kinh-nha-me-tom.yml").write_text(TOUR, encoding="utf-8")
    return project, ["sites/lam-kinh.yml", "sites/nha-me-tom.yml", "sites/_template.yml", "README.md",
                     "tours/lam-kinh-nha-me-tom.yml"]


def _spoil(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")


@needs_check_jsonschema
@pytest.mark.skipif(shutil.which("diachido", path=str(Path(sys.executable).parent)) is None, reason="needs the CLI")
def test_pre_commit_hooks_pass_good_records_and_stop_bad_ones(tmp_path: Path) -> None:
    hooks = _hooks()
    assert set(hooks) == {"site-schema", "tour-schema", "village-schema", "diachido-check"}
    project, files = _hook_project(tmp_path / "p")
    for hook in hooks.values():
        run = _run_hook(hook, project, files)
        assert run.returncode == 0, (hook["id"], run.stdout, run.stderr)
    for spoilt, stopped_by in (("sites/nha-me-tom.yml", {"site-schema", "diachido-check"}),
                               ("tours/lam-kinh-nha-me-tom.yml", {"tour-schema", "diachido-check"})):
        _spoil(project / spoilt)
        for hook_id in stopped_by:  # a tour edit alone runs `diachido check` too
            run = _run_hook(hooks[hook_id], project, [spoilt])
            assert run.returncode == 1 and "colour" in run.stdout + run.stderr, (spoilt, hook_id)
        (project / spoilt).write_text((project / spoilt).read_text(encoding="utf-8").replace("colour: red\n", ""),
                                      encoding="utf-8")
    for edited in ("plaques/registry.yml", "villages/x.yml", "mkdocs.yml"):
        assert re.search(hooks["diachido-check"]["files"], edited), edited


@needs_check_jsonschema
@pytest.mark.skipif(shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None,
                    reason="needs pre-commit (test extras)")
def test_pre_commit_itself_stops_a_commit_of_a_bad_tour(tmp_path: Path) -> None:
    """The real hook runner on a real commit, offline (local hooks install nothing)."""
    project, _ = _hook_project(tmp_path / "p")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", project / ".pre-commit-config.yaml")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "DIACHIDO_LANG": "en", "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=project, capture_output=True, text=True, env=env, timeout=300)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    assert run("pre-commit", "install").returncode == 0
    first = run("git", "commit", "-q", "-m", "good records")
    assert first.returncode == 0, first.stdout + first.stderr
    _spoil(project / "tours" / "lam-kinh-nha-me-tom.yml")
    run("git", "add", "tours/lam-kinh-nha-me-tom.yml")
    second = run("git", "commit", "-q", "-m", "a tour with a mistyped field")
    assert second.returncode == 1 and "colour" in second.stdout + second.stderr
    assert re.search(r"diachido check\.+Failed", second.stderr)  # git shows hooks on stderr


def _expand(template: str, inputs_hash: str) -> str:
    """A cache key as GitHub evaluates it: the runner's OS and hashFiles(...) of this run's inputs."""
    template = template.replace("${{ runner.os }}", "Linux")
    return re.sub(r"\$\{\{ hashFiles\([^)]*\) \}\}", inputs_hash, template).strip()


def test_the_build_cache_of_the_previous_deploy_is_restored_after_an_edit() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    cache = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/cache@"))
    key, restore_keys = cache["with"]["key"], cache["with"]["restore-keys"].strip().splitlines()
    # The key changes with every input of the build, so a changed input misses it and saves anew ...
    hashed = re.search(r"hashFiles\(([^)]*)\)", key).group(1)
    assert {"'sites/**'", "'tours/**'", "'villages/**'", "'generator/**'", "'mkdocs.yml'"} <= {
        part.strip() for part in hashed.split(",")}
    previous, edited = _expand(key, "a" * 64), _expand(key, "b" * 64)
    assert previous != edited
    # ... and GitHub restores the newest cache whose key starts with a restore key: the previous deploy's.
    assert any(previous.startswith(_expand(prefix, "")) for prefix in restore_keys)
    assert all(_expand(prefix, "") for prefix in restore_keys)  # never an empty prefix (any cache at all)
