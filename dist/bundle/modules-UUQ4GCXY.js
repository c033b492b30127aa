import{moduleRoots}from"./chunk-UKFLUGJW.js";import"./chunk-634LZBXD.js";export{moduleRoots};
