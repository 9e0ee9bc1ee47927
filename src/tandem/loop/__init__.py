"""What ties the two sides together: links along the loop, the overview, search, transfer."""
