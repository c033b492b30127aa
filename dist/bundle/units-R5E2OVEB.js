import{moduleKey,scriptUnits}from"./chunk-XQ64D3M4.js";import"./chunk-TQMKG3MH.js";import"./chunk-634LZBXD.js";export{moduleKey,scriptUnits};
