import{buildKubernetes,configMapData}from"./chunk-S3G6CRHK.js";import"./chunk-AJJW6A75.js";import"./chunk-2M3MFCRN.js";import"./chunk-634LZBXD.js";export{buildKubernetes,configMapData};
