"""The virtual environments the comparison scripts install their rival tools into:
under the git-ignored .build-bench/, at pinned versions, never a dependency of geotag."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def venv_python(venv, requirements):
    """The Python of `venv`, made and given `requirements` (pinned) when it lacks them."""
    python = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, "requirements.txt")
    if not os.path.exists(python) or not os.path.exists(stamp) or open(stamp).read() != "\n".join(requirements):
        print("installing " + ", ".join(requirements) + " into " + os.path.relpath(venv, ROOT), file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + requirements, check=True)
        with open(stamp, "w") as handle:
            handle.write("\n".join(requirements))
    return python
