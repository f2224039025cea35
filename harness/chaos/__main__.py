import sys

from harness.chaos.runner import main

sys.exit(main())
