// placeholder: the Scorecards module is being written
