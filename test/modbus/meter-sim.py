#!/usr/bin/python3
# Modbus meter simulator for the tests (python3-pymodbus 3.0, Debian's /usr/bin/python3):
#   meter-sim.py tcp <port> <units.json>    Modbus TCP server on 127.0.0.1:<port>
#   meter-sim.py rtu <tty>  <units.json>    Modbus RTU slave on a serial line (socat pty), 9600 8N1 (ptys do not emulate parity; pyserial refuses even parity on one)
# units.json: {"<unit id>": {"input": {"<start>": "hhhh hhhh …"}, "holding": {…}}, …} — the
# register dumps of the device maps. Registers not in a dump answer exception 02 (sparse blocks);
# unit ids not in the file get no answer.
import json
import sys

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.server import StartSerialServer, StartTcpServer
from pymodbus.transaction import ModbusRtuFramer


def block(dump):
    values = {}
    for start, words in (dump or {}).items():
        for i, word in enumerate(words.split()):
            values[int(start, 0) + i] = int(word, 16)
    return ModbusSparseDataBlock(values or {0xFFFF: 0})


def main():
    mode, where, path = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        units = json.load(f)
    slaves = {int(unit): ModbusSlaveContext(ir=block(d.get("input")), hr=block(d.get("holding")), zero_mode=True)
              for unit, d in units.items()}
    context = ModbusServerContext(slaves=slaves, single=False)
    if mode == "tcp":
        StartTcpServer(context=context, address=("127.0.0.1", int(where)), ignore_missing_slaves=True)
    else:
        StartSerialServer(context=context, framer=ModbusRtuFramer, port=where, baudrate=9600, parity="N",
                          timeout=0.05, ignore_missing_slaves=True)


main()
