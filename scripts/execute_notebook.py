"""Executes one notebook with nbclient (used by run-notebooks.js).

Usage: python3 execute_notebook.py KERNEL TIMEOUT_S SOURCE.ipynb OUTPUT.ipynb

Stops at the first failing cell like `jupyter nbconvert --execute`, but always writes the executed copy and, on a
failure, prints the failing cell with everything it wrote to stderr and its error: tslab reports TypeScript
compile errors on stderr and raises an error with an empty message, which nbconvert alone would hide.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main() -> int:
    kernel, timeout, src, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}})
    status = 0
    failed = None
    try:
        client.execute()
    except CellExecutionError as err:
        status = 1
        failed = err
    nbformat.write(nb, out)
    if failed is not None:
        # The failing cell: the last code cell that ran (tslab sends no `error` output for compile errors).
        ran = [c for c in nb.cells if c.cell_type == "code" and (c.get("execution_count") or c.get("outputs"))]
        cell = ran[-1] if ran else None
        print("--- failing cell:", file=sys.stderr)
        if cell is not None:
            print(cell.source, file=sys.stderr)
            for o in cell.get("outputs", []):
                if o.get("output_type") == "stream" and o.get("name") == "stderr":
                    print(o.get("text", ""), file=sys.stderr, end="")
                if o.get("output_type") == "error":
                    print("\n".join(o.get("traceback", [])[-20:]), file=sys.stderr)
        print(f"--- {str(failed).strip().splitlines()[-1] if str(failed).strip() else type(failed).__name__}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
