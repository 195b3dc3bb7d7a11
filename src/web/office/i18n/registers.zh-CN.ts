// 收银台配对相关的文字 (registers.ts adds them at run time, like sales.ts).
export const registersZhCN = {
  registers: {
    unpair: '解除配对',
    unpairConfirm: '该收银台的设备令牌立即失效，正在使用的收银会话随之结束。需要重新配对才能再次收银。',
    unpaired: '{{name}} 已解除配对',
  },
};
