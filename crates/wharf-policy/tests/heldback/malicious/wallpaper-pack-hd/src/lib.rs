// wallpapers are in the wallpapers/ folder
