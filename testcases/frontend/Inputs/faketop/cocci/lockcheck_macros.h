/* stand-in macro file */
