import"./chunk-634LZBXD.js";var checks=[];export{checks};
