/**
 * The meter definitions shipped with the hub: one JSON file per meter type, one import line
 * each. Users add their own from a directory at run time (definitions/load.ts).
 */
import kamstrupMultical21 from './kamstrup-multical21.json';
import lansenRoomSensor from './lansen-room-sensor.json';

export const builtInDefinitions: readonly unknown[] = [kamstrupMultical21, lansenRoomSensor];
