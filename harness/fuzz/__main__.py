import sys

from harness.fuzz.runner import main

sys.exit(main())
