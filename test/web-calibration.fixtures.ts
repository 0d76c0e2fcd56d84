/**
 * A small residential-format session file for the calibration page's tests: 80 sessions on 4 garages over 20 days
 * and five rows each rejected by a different cleaning rule (plug-out before plug-in, negative energy, year 9999, an
 * unparseable time, a second session of one user at one start).
 */
export function residentialFixture(): string {
  const rows = ["session_ID;Garage_ID;User_ID;Start_plugin;End_plugout;El_kWh;Duration_hours"];
  let id = 0;
  for (let d = 1; d <= 20; d++) {
    for (let g = 1; g <= 4; g++) {
      const day = `${String(d).padStart(2, "0")}.03.2019`;
      const next = `${String(Math.min(d + 1, 28)).padStart(2, "0")}.03.2019`;
      const kwh = (4 + ((d * g) % 17) / 2).toFixed(1).replace(".", ",");
      rows.push(`s${++id};G${g};U${g};${day} ${14 + ((d * g) % 6)}:15;${next} 0${(g * d) % 9}:30;${kwh};10`);
    }
  }
  rows.push("bad1;G1;U1;05.03.2019 10:00;04.03.2019 12:00;5,0;2");
  rows.push("bad2;G2;U2;05.03.2019 10:00;05.03.2019 12:00;-3,0;2");
  rows.push("bad3;G2;U2;05.03.9999 10:00;05.03.9999 12:00;3,0;2");
  rows.push("bad4;G3;U3;notadate;05.03.2019 12:00;3,0;2");
  rows.push(rows[5].replace(/^s\d+/, "dup1"));
  return rows.join("\n") + "\n";
}
