var UsageError=class extends Error{name="UsageError"};export{UsageError};
