import sys

from harness.bench.runner import main

sys.exit(main())
