// nothing here
// the video is in media/
