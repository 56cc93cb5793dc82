/**
 * The meter definitions shipped with the hub: one JSON file per meter type, one import line
 * each. The first definition that detects a meter applies, so narrower detections come first.
 * Users add their own from a directory at run time (definitions/load.ts).
 */
import apatorNa1 from './apator-na1.json';
import apatorWater from './apator-water.json';
import axiomaQualcosonic from './axioma-qualcosonic.json';
import diehlIzar from './diehl-izar.json';
import elvacoRoomSensor from './elvaco-room-sensor.json';
import engelmannSensostar from './engelmann-sensostar.json';
import kamstrupMulticalHeat from './kamstrup-multical-heat.json';
import kamstrupMultical21 from './kamstrup-multical21.json';
import lansenRoomSensor from './lansen-room-sensor.json';
import qundisHca from './qundis-hca.json';
import sontexHca from './sontex-hca.json';
import techemMkradio from './techem-mkradio.json';

export const builtInDefinitions: readonly unknown[] = [
  kamstrupMultical21, kamstrupMulticalHeat, diehlIzar, axiomaQualcosonic, apatorNa1, apatorWater, techemMkradio,
  qundisHca, sontexHca, lansenRoomSensor, elvacoRoomSensor, engelmannSensostar,
];
