import sys

from qzxl.cli import main

sys.exit(main())
