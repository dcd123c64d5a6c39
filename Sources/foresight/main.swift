import ForesightCLI

Foresight.main()
