"""newsbot's answers and interfaces: question -> cited answer -> Discord or the terminal."""
