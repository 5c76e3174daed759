"""The domain code reads as short named steps: no function in extractor/text or extractor/coding
over MAX_LINES lines (issue 10)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "extractor"
MAX_LINES = 40


def test_no_long_functions_in_the_domain_code() -> None:
    long = []
    for path in sorted([*ROOT.joinpath("text").glob("*.py"), *ROOT.joinpath("coding").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > MAX_LINES:
                    long.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "split into named steps: " + "; ".join(long)
