"""Following papermill through a notebook: which cell runs (for the watchdog and for error
messages that name the author's cell number), the notebook as far as it ran, the execution
timings, and the one-line error messages made from papermill's and nbclient's exceptions."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from helpers.pipeline.job import Notify


@dataclass
class CellInfo:
    """The cell being executed: papermill's index, the author's 1-based number, first line."""

    index: int
    number: int | None
    first_line: str

    def describe(self) -> str:
        if self.number is None:
            return "the injected parameters"
        line = f" ({self.first_line})" if self.first_line else ""
        return f"cell {self.number}{line}"


class CellTracker:
    """Follows papermill through the notebook: which cell runs, and the notebook so far."""

    def __init__(self, tell: Notify) -> None:
        self.tell = tell
        self.current: CellInfo | None = None
        self.nb: Any = None
        self.first_start: float | None = None  # perf_counter times for the stage timings
        self.last_end: float | None = None

    def engine(self) -> type:
        from papermill.engines import NBClientEngine

        cells = self

        class ReportingEngine(NBClientEngine):
            @classmethod
            def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
                cells.nb = nb_man.nb
                start = nb_man.cell_start

                def cell_start(cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
                    cells.started(nb_man.nb, cell_index)
                    return start(cell, cell_index, **kw)

                complete = nb_man.cell_complete

                def cell_complete(cell: Any, cell_index: int | None = None, **kw: Any) -> Any:
                    cells.last_end = time.perf_counter()
                    return complete(cell, cell_index, **kw)

                nb_man.cell_start = cell_start
                nb_man.cell_complete = cell_complete
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

        return ReportingEngine

    def engine_name(self) -> str:
        """Register this tracker's engine with papermill; the name to pass to it."""
        from papermill.engines import papermill_engines

        papermill_engines.register("industrirapporter", self.engine())
        return "industrirapporter"

    def started(self, nb: Any, index: int | None) -> None:
        if self.first_start is None:
            self.first_start = time.perf_counter()
        if index is None:
            return
        number = 0
        for i, cell in enumerate(nb.cells[: index + 1]):
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                if i == index:
                    number = None  # type: ignore[assignment]
                continue
            number += 1
        self.current = CellInfo(index, number, _first_line(nb.cells[index].get("source", "")))
        self.tell("execute", self.current.describe())

    def timings(self, start: float, end: float) -> dict[str, float]:
        """Kernel start (to the first cell), the cells, kernel shutdown (after the last cell)."""
        first = self.first_start if self.first_start is not None else end
        last = self.last_end if self.last_end is not None else end
        return {"kernel_start": first - start, "cells": last - first,
                "kernel_shutdown": end - last}

    def at_cell(self, message: str) -> str:
        """``message`` prefixed with the cell that was running, if any."""
        return f"{self.current.describe()}: {message}" if self.current else message


def _first_line(source: str | list[str], limit: int = 70) -> str:
    text = "".join(source) if isinstance(source, list) else source
    line = next((x.strip() for x in text.splitlines() if x.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def meaningful_line(text: str) -> str:
    """The last non-empty line that is not a separator (nbclient ends some with '-----')."""
    lines = [x.strip() for x in str(text).splitlines()]
    lines = [x for x in lines if x and not re.fullmatch(r"[-=_~*]{3,}", x)]
    return lines[-1] if lines else ""


def last_line(exc: BaseException) -> str:
    """``Type: last meaningful line of the message`` (papermill's and nbclient's run long)."""
    return f"{type(exc).__name__}: {meaningful_line(str(exc))}".strip().rstrip(":")
