#!/usr/bin/env python
import sys

from balai.cli import main

if __name__ == "__main__":
    sys.exit(main())
