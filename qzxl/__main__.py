import sys

from qzxl.app.cli import main

sys.exit(main())
