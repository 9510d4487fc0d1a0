from feedback_api.cli import main

main()
