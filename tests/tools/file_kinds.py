"""The kinds of thing a path a reader gives can name, made for the property tests
(issue 27: an input type nobody listed is a class, not a case)."""

from __future__ import annotations

import os
from pathlib import Path

PATH_KINDS = ["file", "pipe", "device", "folder", "link", "dangling-link", "someone-elses"]
SOMEONE = (4242, 4343)  # a user and group id of nobody on this machine
ROOT_USER = os.geteuid() == 0


def make(kind: str, path: Path, content: bytes) -> None:
    """Put a ``kind`` of thing at ``path``; ``content`` is what a file of it holds."""
    path.unlink(missing_ok=True)
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to(os.devnull)  # a link to a device: the device itself is read
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling-link":
        path.symlink_to(path.with_name("nowhere"))
    elif kind == "link":
        target = path.with_name(path.name + ".target")
        target.write_bytes(content)
        path.symlink_to(target)
    else:
        path.write_bytes(content)
        if kind == "someone-elses" and ROOT_USER:
            os.chown(path, *SOMEONE)
