# This file only has comments.
// Nothing else.
/* Still
   nothing. */
