"""Writing generated files: deterministic bytes, and folders swapped in whole.

A build writes into a fresh staging folder and only replaces the live folder when
everything succeeded, so a failure never leaves a half-written site behind.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

SCHEMA_FILE = "site.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def staging_dir(root: Path, name: str) -> Path:
    """A fresh temporary folder beside the target, so the final rename is atomic."""
    work = root / ".diachido"
    work.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=name + "-", dir=work))
    folder.chmod(0o755)  # mkdtemp makes it owner-only; it becomes site/, which a web server must read
    return folder


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old one until the new is in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if target.exists():
        old = target.with_name(target.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)
