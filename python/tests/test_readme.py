"""The README, run top to bottom: its `cargo run --release -- run ...` commands (with the built
binary, in a scratch folder holding `seeds/`) and its Python snippets, in the order a reader
meets them. A snippet that no longer works, or a chart that draws no line, fails here."""

import math
import re
import shlex
import subprocess

import matplotlib
import pytest

from test_tables import ROOT, SEEDS, _binary

matplotlib.use("Agg")

#: How the README runs the command line; such lines are run with the built binary instead.
CARGO_RUN = ["cargo", "run", "--release", "--"]


def blocks():
    """The README's fenced blocks as (language, code), in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```(\w*)\n(.*?)^```", readme, flags=re.S | re.M)


def commands(code: str):
    """The `cargo run --release -- ...` command lines of a shell block, as argument lists."""
    for line in code.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words[: len(CARGO_RUN)] == CARGO_RUN:
            yield words[len(CARGO_RUN) :]


def snippets():
    return [code for lang, code in blocks() if lang == "python"]


def test_the_readme_has_python_snippets_and_commands_to_make_their_input():
    assert len(snippets()) >= 4
    runs = [c for lang, code in blocks() if lang == "sh" for c in commands(code)]
    assert len(runs) >= 3 and all(c[0] == "run" for c in runs)


def check_charts(plt, name):
    """Every open figure has lines of at least two points and no gap (NaN)."""
    figures = [plt.figure(n) for n in plt.get_fignums()]
    for figure in figures:
        lines = [line for ax in figure.axes for line in ax.get_lines()]
        assert lines, f"{name} draws a chart without lines"
        for line in lines:
            ys = [float(y) for y in line.get_ydata()]
            assert len(ys) >= 2, f"{name}: a line of one point ({line.get_label()})"
            assert not any(math.isnan(y) for y in ys), f"{name}: a line with gaps"
    plt.close("all")
    return len(figures)


def test_the_readme_runs_top_to_bottom_on_the_seeds(tmp_path, monkeypatch):
    binary = _binary()
    (tmp_path / "seeds").symlink_to(SEEDS)
    monkeypatch.chdir(tmp_path)
    import matplotlib.pyplot as plt

    plt.close("all")
    namespace = {}
    charts = 0
    python = 0
    for lang, code in blocks():
        if lang == "sh":
            for args in commands(code):
                done = subprocess.run([binary, *args, "--quiet"], capture_output=True, text=True)
                assert done.returncode == 0, f"README command `elpipe {' '.join(args)}`: {done.stderr}"
        elif lang == "python":
            python += 1
            name = f"README python snippet {python}"
            try:
                exec(compile(code, name, "exec"), namespace)
            except Exception as e:  # name the snippet
                raise AssertionError(f"{name} failed:\n{code}") from e
            charts += check_charts(plt, name)
    assert charts >= 2, "the time-series chart and the per-month chart are drawn"
