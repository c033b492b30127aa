import{moduleKey,scriptUnits}from"./chunk-AI63VIZG.js";import"./chunk-TQMKG3MH.js";import"./chunk-634LZBXD.js";export{moduleKey,scriptUnits};
