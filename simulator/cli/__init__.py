"""The `litige` command line: its commands parse arguments and call the layers below."""
