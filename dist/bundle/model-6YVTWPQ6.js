import{buildKubernetes,configMapData}from"./chunk-4DAA5J6F.js";import"./chunk-AJJW6A75.js";import"./chunk-2M3MFCRN.js";import"./chunk-634LZBXD.js";export{buildKubernetes,configMapData};
