"""Progress while building: a tqdm bar on a terminal, one line per finished report otherwise."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from helpers.pipeline.job import Result

#: Longer error messages are cut on the console and the index; failed/failure.json has all.
MAX_ERROR_CHARS = 400


def short_error(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "… (cut; the whole message is in failed/failure.json)"


def describe(result: Result) -> str:
    if result.status == "failed":
        return f"{'FAILED':<11}{result.label}: {short_error(result.error)}"
    if result.status != "built":
        return f"{result.status:<11}{result.label}"
    why = f" ({result.reason})" if result.reason else ""
    return f"{result.status:<11}{result.label}  {result.seconds:.1f} s{why}"


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.bar: Any = None
        self.running: list[str] = []
        if total and not quiet and self.stream.isatty():
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
            self.bar = tqdm(total=total, file=self.stream, unit="rapport", leave=False,
                            dynamic_ncols=True)

    def started(self, label: str) -> None:
        self.running.append(label)
        self._refresh()

    def finished(self, result: Result) -> None:
        """Report a finished (or up-to-date) report; only started ones move the bar."""
        ran = result.label in self.running
        if ran:
            self.running.remove(result.label)
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.write(describe(result), file=self.stream)
            if ran:
                self.bar.update(1)
            self._refresh()
        else:
            print(describe(result), file=self.stream, flush=True)

    def _refresh(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(", ".join(self.running)[:60], refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
