"""The README's Python snippets run, in order, on the seeds' output (as the README's commands
make it): a snippet that no longer works fails here."""

import os
import re
import subprocess
from pathlib import Path

import matplotlib
import pytest

from test_tables import ROOT, SEEDS, _binary

matplotlib.use("Agg")


def snippets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", readme, flags=re.S)


def test_the_readme_has_python_snippets():
    assert len(snippets()) >= 3


def test_the_readme_python_snippets_run_on_the_seeds_output(tmp_path, monkeypatch):
    binary = _binary()
    run = lambda *args: subprocess.run([binary, "run", *args, "--quiet"], check=True, cwd=tmp_path)
    run(str(SEEDS), "--out", "out")
    run(
        str(SEEDS / "articles.jsonl"),
        "--keep-fields", "date,outlet", "--group-by", "date", "--out", "out-by-date",
    )
    (tmp_path / "seeds").symlink_to(SEEDS)
    monkeypatch.chdir(tmp_path)
    import matplotlib.pyplot as plt

    namespace = {}
    for i, code in enumerate(snippets()):
        try:
            exec(compile(code, f"README.md python snippet {i + 1}", "exec"), namespace)
        except Exception as e:  # name the snippet
            raise AssertionError(f"README python snippet {i + 1} failed:\n{code}") from e
    # The charts have lines with points on them.
    figures = [plt.figure(n) for n in plt.get_fignums()]
    assert figures, "the snippets draw a chart"
    for figure in figures:
        lines = [l for ax in figure.axes for l in ax.get_lines()]
        assert lines and all(len(l.get_xdata()) >= 2 for l in lines)
    plt.close("all")
