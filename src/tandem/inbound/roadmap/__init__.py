"""The roadmap board: releases by horizon (Now / Next / Later), on every face."""
